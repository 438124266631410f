package com.example.cart;

import java.io.IOException;
import java.util.Map;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.servlet.http.HttpSession;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

public class PreferencesServlet extends HttpServlet {
    private static final Map<String, String> THEMES = Map.of("dark", "dark", "light", "light");

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String role = request.getParameter("role");
        // ruleid: java.servlet.trust-boundary-violation
        request.getSession().setAttribute("role", role);

        HttpSession session = request.getSession(true);
        // ruleid: java.servlet.trust-boundary-violation
        session.setAttribute("discountCode", request.getParameter("code"));

        // ruleid: java.servlet.trust-boundary-violation
        session.setAttribute(request.getParameter("key"), "enabled");

        // ok: java.servlet.trust-boundary-violation
        session.setAttribute("theme", THEMES.getOrDefault(request.getParameter("theme"), "light"));

        int pageSize = Integer.parseInt(request.getParameter("pageSize"));
        // ok: java.servlet.trust-boundary-violation
        session.setAttribute("pageSize", pageSize);

        // ok: java.servlet.trust-boundary-violation
        request.setAttribute("searchTerm", request.getParameter("q"));
    }
}

@Controller
class CartController {
    @PostMapping("/cart/coupon")
    public String coupon(@RequestParam String coupon, HttpSession session) {
        // ruleid: java.servlet.trust-boundary-violation
        session.setAttribute("coupon", coupon);
        return "cart";
    }

    @PostMapping("/cart/items")
    public String items(@RequestParam long itemId, HttpSession session) {
        // ok: java.servlet.trust-boundary-violation
        session.setAttribute("lastItem", itemId);
        return "cart";
    }
}
