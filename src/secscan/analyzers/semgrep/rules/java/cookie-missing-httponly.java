package com.example.session;

import javax.servlet.http.Cookie;
import javax.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;

@Controller
public class AuthCookieController {

    @PostMapping("/auth/token")
    public String token(HttpServletResponse response, String jwt) {
        Cookie cookie = new Cookie("auth_token", jwt);
        cookie.setSecure(true);
        // ruleid: java.servlet.cookie-missing-httponly
        response.addCookie(cookie);
        return "redirect:/";
    }

    @PostMapping("/auth/session")
    public String session(HttpServletResponse response, String sessionId) {
        Cookie cookie = new Cookie("JSESSIONID", sessionId);
        cookie.setSecure(true);
        // ruleid: java.servlet.cookie-missing-httponly
        cookie.setHttpOnly(false);
        response.addCookie(cookie);
        return "redirect:/";
    }

    @PostMapping("/auth/token-safe")
    public String tokenSafe(HttpServletResponse response, String jwt) {
        Cookie cookie = new Cookie("auth_token", jwt);
        cookie.setSecure(true);
        cookie.setHttpOnly(true);
        // ok: java.servlet.cookie-missing-httponly
        response.addCookie(cookie);
        return "redirect:/";
    }

    @PostMapping("/csrf")
    public String csrf(HttpServletResponse response, String csrfToken) {
        Cookie cookie = new Cookie("XSRF-TOKEN", csrfToken);
        cookie.setSecure(true);
        // ok: java.servlet.cookie-missing-httponly
        response.addCookie(cookie);
        return "redirect:/";
    }

    @PostMapping("/prefs/theme")
    public String theme(HttpServletResponse response) {
        Cookie cookie = new Cookie("theme", "dark");
        cookie.setSecure(true);
        // ok: java.servlet.cookie-missing-httponly
        response.addCookie(cookie);
        return "redirect:/";
    }
}
