package com.example.web;

import java.util.List;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.CrossOrigin;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration
public class WebConfig implements WebMvcConfigurer {

    @Override
    public void addCorsMappings(CorsRegistry registry) {
        // ruleid: java.spring.permissive-cors
        registry.addMapping("/api/**").allowedOriginPatterns("*").allowedMethods("*").allowCredentials(true);

        // ok: java.spring.permissive-cors
        registry.addMapping("/public/**").allowedOrigins("*").allowedMethods("GET");

        // ok: java.spring.permissive-cors
        registry.addMapping("/app/**").allowedOrigins("https://app.example.com").allowCredentials(true);
    }

    @Bean
    public CorsConfigurationSource corsConfigurationSource() {
        CorsConfiguration config = new CorsConfiguration();
        // ruleid: java.spring.permissive-cors
        config.addAllowedOriginPattern("*");
        config.addAllowedMethod("*");
        config.setAllowCredentials(true);
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", config);
        return source;
    }

    @Bean
    public CorsConfigurationSource strictCors() {
        CorsConfiguration config = new CorsConfiguration();
        // ok: java.spring.permissive-cors
        config.setAllowedOrigins(List.of("https://app.example.com"));
        config.setAllowCredentials(true);
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", config);
        return source;
    }
}

@RestController
// ruleid: java.spring.permissive-cors
@CrossOrigin(origins = "*", allowCredentials = "true")
class AccountApi {
    @GetMapping("/api/account")
    public String account() {
        return "{}";
    }
}

@RestController
class StatusApi {
    // ok: java.spring.permissive-cors
    @CrossOrigin(origins = "https://status.example.com", allowCredentials = "true")
    @GetMapping("/api/status")
    public String status() {
        return "ok";
    }

    public void legacyCors(HttpServletRequest request, HttpServletResponse response) {
        // ruleid: java.spring.permissive-cors
        response.setHeader("Access-Control-Allow-Origin", request.getHeader("Origin"));
        response.setHeader("Access-Control-Allow-Credentials", "true");
    }

    public void publicCors(HttpServletResponse response) {
        // ok: java.spring.permissive-cors
        response.setHeader("Access-Control-Allow-Origin", "*");
    }
}
