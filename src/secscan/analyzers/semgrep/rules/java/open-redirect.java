package com.example.auth;

import java.io.IOException;
import java.net.URI;
import java.util.Map;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.view.RedirectView;

public class LoginServlet extends HttpServlet {
    private static final Map<String, String> DESTINATIONS = Map.of("docs", "https://docs.example.com/", "home", "/");

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String next = request.getParameter("next");
        // ruleid: java.lang.open-redirect
        response.sendRedirect(next);

        // ruleid: java.lang.open-redirect
        response.sendRedirect(request.getContextPath() + "/" + request.getParameter("page"));

        // ruleid: java.lang.open-redirect
        response.setHeader("Location", request.getHeader("Referer"));

        // ok: java.lang.open-redirect
        response.sendRedirect("/account/overview");

        // ok: java.lang.open-redirect
        response.sendRedirect("/profile/" + request.getParameter("id"));

        // ok: java.lang.open-redirect
        response.sendRedirect(DESTINATIONS.getOrDefault(request.getParameter("to"), "/"));
    }
}

@Controller
class SsoController {
    @GetMapping("/sso/callback")
    public String callback(@RequestParam("returnUrl") String returnUrl) {
        // ruleid: java.lang.open-redirect
        return "redirect:" + returnUrl;
    }

    @GetMapping("/sso/out")
    public RedirectView out(@RequestParam String target) {
        // ruleid: java.lang.open-redirect
        return new RedirectView(target);
    }

    @PostMapping("/sso/forward")
    public ResponseEntity<Void> forward(@RequestHeader("X-Return-To") String returnTo) {
        // ruleid: java.lang.open-redirect
        return ResponseEntity.status(HttpStatus.FOUND).location(URI.create(returnTo)).build();
    }

    @GetMapping("/sso/user")
    public String user(@RequestParam String username) {
        // ok: java.lang.open-redirect
        return "redirect:/users/" + username;
    }

    @GetMapping("/sso/done")
    public String done() {
        // ok: java.lang.open-redirect
        return "redirect:/home";
    }
}
