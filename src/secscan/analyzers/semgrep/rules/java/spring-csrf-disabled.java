package com.example.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;

@Configuration
public class SecurityConfig {

    @Bean
    public SecurityFilterChain legacyChain(HttpSecurity http) throws Exception {
        // ruleid: java.spring.csrf-disabled
        http.authorizeRequests().anyRequest().authenticated()
            .and()
            .formLogin()
            .and()
            .csrf().disable();
        return http.build();
    }

    @Bean
    public SecurityFilterChain lambdaChain(HttpSecurity http) throws Exception {
        // ruleid: java.spring.csrf-disabled
        http.authorizeHttpRequests(auth -> auth.anyRequest().authenticated())
            .csrf(csrf -> csrf.disable());
        return http.build();
    }

    @Bean
    public SecurityFilterChain methodRefChain(HttpSecurity http) throws Exception {
        // ruleid: java.spring.csrf-disabled
        http.csrf(AbstractHttpConfigurer::disable)
            .formLogin(Customizer.withDefaults());
        return http.build();
    }

    @Bean
    public SecurityFilterChain spaChain(HttpSecurity http) throws Exception {
        // ok: java.spring.csrf-disabled
        http.csrf(csrf -> csrf.csrfTokenRepository(CookieCsrfTokenRepository.withHttpOnlyFalse()))
            .formLogin(Customizer.withDefaults());
        return http.build();
    }

    @Bean
    public SecurityFilterChain webhookChain(HttpSecurity http) throws Exception {
        // ok: java.spring.csrf-disabled
        http.csrf(csrf -> csrf.ignoringRequestMatchers("/webhooks/**"))
            .formLogin(Customizer.withDefaults());
        return http.build();
    }

    @Bean
    public SecurityFilterChain defaultChain(HttpSecurity http) throws Exception {
        // ok: java.spring.csrf-disabled
        http.csrf(Customizer.withDefaults()).formLogin(Customizer.withDefaults());
        return http.build();
    }
}
