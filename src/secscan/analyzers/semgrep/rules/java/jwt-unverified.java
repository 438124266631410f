package com.example.auth;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jwt;
import io.jsonwebtoken.Jwts;
import java.security.Key;
import javax.crypto.SecretKey;

public class TokenParser {
    private final SecretKey key;

    public TokenParser(SecretKey key) {
        this.key = key;
    }

    public Claims unsignedClaims(String token) {
        // ruleid: java.lang.jwt-unverified
        return Jwts.parserBuilder().build().parseClaimsJwt(token).getBody();
    }

    public Object legacyParse(String token) {
        // ruleid: java.lang.jwt-unverified
        Jwt<?, ?> jwt = Jwts.parser().setSigningKey(key).parse(token);
        return jwt.getBody();
    }

    public Object noKey(String token) {
        // ruleid: java.lang.jwt-unverified
        return Jwts.parser().parse(token).getBody();
    }

    public Claims unsecured(String token) {
        // ruleid: java.lang.jwt-unverified
        return Jwts.parser().unsecured().build().parseUnsecuredClaims(token).getPayload();
    }

    public String issueUnsigned(String subject) {
        // ruleid: java.lang.jwt-unverified
        return JWT.create().withSubject(subject).sign(Algorithm.none());
    }

    public Claims verified(String token) {
        // ok: java.lang.jwt-unverified
        return Jwts.parser().verifyWith(key).build().parseSignedClaims(token).getPayload();
    }

    public Claims verifiedLegacy(String token) {
        // ok: java.lang.jwt-unverified
        return Jwts.parserBuilder().setSigningKey(key).build().parseClaimsJws(token).getBody();
    }

    public String verifiedAuth0(String token, String secret) {
        // ok: java.lang.jwt-unverified
        return JWT.require(Algorithm.HMAC256(secret)).withIssuer("example").build().verify(token).getSubject();
    }
}
