package com.example.web;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import javax.servlet.http.Cookie;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

public class LanguageServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String lang = request.getParameter("lang");
        // ruleid: java.servlet.http-response-splitting
        response.setHeader("Content-Language", lang);

        // ruleid: java.servlet.http-response-splitting
        response.addHeader("X-Request-Source", request.getHeader("X-Source"));

        // ruleid: java.servlet.http-response-splitting
        Cookie pref = new Cookie("lang", lang);
        pref.setSecure(true);
        pref.setHttpOnly(true);
        response.addCookie(pref);

        // ok: java.servlet.http-response-splitting
        response.setHeader("Content-Language", lang.replaceAll("[\\r\\n]", ""));

        // ok: java.servlet.http-response-splitting
        Cookie encoded = new Cookie("lang", URLEncoder.encode(lang, StandardCharsets.UTF_8));

        // ok: java.servlet.http-response-splitting
        response.setHeader("X-Frame-Options", "DENY");
    }
}

@Controller
class DownloadController {
    @GetMapping("/download")
    public void download(@RequestParam String filename, HttpServletResponse response) throws IOException {
        // ruleid: java.servlet.http-response-splitting
        response.setHeader("Content-Disposition", "attachment; filename=\"" + filename + "\"");
    }

    @GetMapping("/download/safe")
    public void downloadSafe(@RequestParam String filename, HttpServletResponse response) throws IOException {
        String clean = filename.replaceAll("[^A-Za-z0-9._-]", "_");
        // ok: java.servlet.http-response-splitting
        response.setHeader("Content-Disposition", "attachment; filename=\"" + clean + "\"");
    }

    @GetMapping("/trace")
    public void trace(@RequestHeader("X-Trace-Id") String traceId, HttpServletResponse response) {
        // ok: java.servlet.http-response-splitting
        response.setHeader("X-Trace-Id", traceId.replace('\r', ' ').replace('\n', ' '));
    }
}
