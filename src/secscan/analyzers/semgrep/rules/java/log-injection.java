package com.example.audit;

import java.io.IOException;
import java.util.logging.Level;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

public class LoginAuditServlet extends HttpServlet {
    private static final Logger LOGGER = LoggerFactory.getLogger(LoginAuditServlet.class);
    private static final java.util.logging.Logger JUL = java.util.logging.Logger.getLogger("audit");

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String username = request.getParameter("username");
        // ruleid: java.lang.log-injection
        LOGGER.info("Failed login for user " + username);

        // ruleid: java.lang.log-injection
        LOGGER.warn("Suspicious user agent {}", request.getHeader("User-Agent"));

        // ruleid: java.lang.log-injection
        JUL.log(Level.WARNING, "login attempt: " + username);

        // ok: java.lang.log-injection
        LOGGER.info("Failed login for user {}", username.replaceAll("[\\r\\n]", "_"));

        // ok: java.lang.log-injection
        LOGGER.info("Login form submitted");

        int attempts = Integer.parseInt(request.getParameter("attempts"));
        // ok: java.lang.log-injection
        LOGGER.info("attempt number {}", attempts);
    }
}

@RestController
class OrderController {
    private final Logger log = LoggerFactory.getLogger(OrderController.class);

    @PostMapping("/orders")
    public String create(@RequestBody OrderRequest order, @RequestParam String channel) {
        // ruleid: java.lang.log-injection
        log.debug("new order from channel " + channel);
        // ruleid: java.lang.log-injection
        log.info("order note: {}", order.getNote());
        // ok: java.lang.log-injection
        log.info("order created for channel {}", channel.replace('\n', '_').replace('\r', '_'));
        return "created";
    }
}
