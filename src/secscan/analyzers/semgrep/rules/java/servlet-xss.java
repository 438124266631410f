package com.example.web;

import java.io.IOException;
import java.io.PrintWriter;
import javax.servlet.http.Cookie;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.apache.commons.text.StringEscapeUtils;
import org.owasp.encoder.Encode;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.HtmlUtils;

public class GreetingServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String name = request.getParameter("name");
        response.setContentType("text/html");
        PrintWriter out = response.getWriter();
        // ruleid: java.servlet.xss
        out.println("<h1>Hello, " + name + "</h1>");
        // ruleid: java.servlet.xss
        response.getWriter().write("<p>You searched for " + request.getQueryString() + "</p>");
        // ruleid: java.servlet.xss
        out.printf("<p>Referer: %s</p>", request.getHeader("Referer"));
        for (Cookie c : request.getCookies()) {
            // ruleid: java.servlet.xss
            out.print("<li>" + c.getValue() + "</li>");
        }
        // ok: java.servlet.xss
        out.println("<h1>Hello, " + Encode.forHtml(name) + "</h1>");
        // ok: java.servlet.xss
        out.println("<p>" + StringEscapeUtils.escapeHtml4(request.getParameter("q")) + "</p>");
        // ok: java.servlet.xss
        out.println("<p>" + HtmlUtils.htmlEscape(name) + "</p>");
        // ok: java.servlet.xss
        out.println("<footer>static</footer>");
    }
}

class ExportServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("application/json");
        // ok: java.servlet.xss
        response.getWriter().write("{\"query\": \"" + request.getParameter("q") + "\"}");
    }
}

@Controller
class LegacyController {
    @GetMapping("/legacy/hello")
    public void hello(@RequestParam String user, HttpServletResponse response) throws IOException {
        // ruleid: java.servlet.xss
        response.getWriter().print("<div>Welcome back " + user + "</div>");
    }

    @GetMapping("/legacy/count")
    public void count(@RequestParam int items, HttpServletResponse response) throws IOException {
        // ok: java.servlet.xss
        response.getWriter().print("<div>" + items + " items</div>");
    }
}
