package com.example.session;

import javax.servlet.http.Cookie;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;

@Controller
public class RememberMeController {

    @PostMapping("/login/remember")
    public String remember(HttpServletResponse response, String token) {
        Cookie cookie = new Cookie("remember_me", token);
        cookie.setHttpOnly(true);
        cookie.setMaxAge(60 * 60 * 24 * 30);
        // ruleid: java.servlet.cookie-missing-secure
        response.addCookie(cookie);
        return "redirect:/";
    }

    @PostMapping("/login/session")
    public String session(HttpServletResponse response, String sessionId) {
        Cookie cookie = new Cookie("SESSION", sessionId);
        // ruleid: java.servlet.cookie-missing-secure
        cookie.setSecure(false);
        cookie.setHttpOnly(true);
        response.addCookie(cookie);
        return "redirect:/";
    }

    @PostMapping("/prefs")
    public String prefs(HttpServletResponse response) {
        // ruleid: java.servlet.cookie-missing-secure
        response.addCookie(new Cookie("theme", "dark"));
        return "redirect:/";
    }

    @PostMapping("/login/remember-safe")
    public String rememberSafe(HttpServletResponse response, String token) {
        Cookie cookie = new Cookie("remember_me", token);
        cookie.setSecure(true);
        cookie.setHttpOnly(true);
        cookie.setPath("/");
        // ok: java.servlet.cookie-missing-secure
        response.addCookie(cookie);
        return "redirect:/";
    }

    @PostMapping("/login/remember-dynamic")
    public String rememberDynamic(HttpServletRequest request, HttpServletResponse response, String token) {
        Cookie cookie = new Cookie("remember_me", token);
        cookie.setSecure(request.isSecure());
        // ok: java.servlet.cookie-missing-secure
        response.addCookie(cookie);
        return "redirect:/";
    }

    @PostMapping("/logout")
    public String logout(HttpServletResponse response) {
        Cookie cookie = new Cookie("remember_me", "");
        cookie.setMaxAge(0);
        cookie.setPath("/");
        // ok: java.servlet.cookie-missing-secure
        response.addCookie(cookie);
        return "redirect:/login";
    }
}
