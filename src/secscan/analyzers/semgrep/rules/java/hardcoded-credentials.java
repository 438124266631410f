package com.example.config;

import com.auth0.jwt.algorithms.Algorithm;
import com.zaxxer.hikari.HikariConfig;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import javax.crypto.SecretKey;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

public class LegacyConfig {
    private static final String DB_PASSWORD = "Sup3rS3cret!";

    public Connection connect() throws SQLException {
        // ruleid: java.lang.hardcoded-credentials
        return DriverManager.getConnection("jdbc:postgresql://db/app", "app", "Sup3rS3cret!");
    }

    public Connection connectConstant() throws SQLException {
        // ruleid: java.lang.hardcoded-credentials
        return DriverManager.getConnection("jdbc:postgresql://db/app", "app", DB_PASSWORD);
    }

    public Connection connectFromEnv() throws SQLException {
        // ok: java.lang.hardcoded-credentials
        return DriverManager.getConnection(System.getenv("DB_URL"), System.getenv("DB_USER"), System.getenv("DB_PASSWORD"));
    }

    public Connection connectEmbedded() throws SQLException {
        // ok: java.lang.hardcoded-credentials
        return DriverManager.getConnection("jdbc:h2:mem:test", "sa", "");
    }

    public SecretKeySpec aesKey() {
        // ruleid: java.lang.hardcoded-credentials
        return new SecretKeySpec("0123456789abcdef".getBytes(StandardCharsets.UTF_8), "AES");
    }

    public SecretKeySpec aesKeyFromConfig(byte[] keyMaterial) {
        // ok: java.lang.hardcoded-credentials
        return new SecretKeySpec(keyMaterial, "AES");
    }

    public PBEKeySpec masterKey(byte[] salt) {
        // ruleid: java.lang.hardcoded-credentials
        return new PBEKeySpec("correct horse battery staple".toCharArray(), salt, 210000, 256);
    }

    public PBEKeySpec userKey(char[] password, byte[] salt) {
        // ok: java.lang.hardcoded-credentials
        return new PBEKeySpec(password, salt, 210000, 256);
    }

    public Algorithm jwtAlgorithm() {
        // ruleid: java.lang.hardcoded-credentials
        return Algorithm.HMAC256("my-jwt-signing-secret");
    }

    public Algorithm jwtAlgorithmFromEnv() {
        // ok: java.lang.hardcoded-credentials
        return Algorithm.HMAC256(System.getenv("JWT_SECRET"));
    }

    public HikariConfig pool() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:postgresql://db/app");
        config.setUsername("app");
        // ruleid: java.lang.hardcoded-credentials
        config.setPassword("hunter2");
        return config;
    }

    public KeyStore trustStore(InputStream in) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        // ruleid: java.lang.hardcoded-credentials
        ks.load(in, "changeit".toCharArray());
        return ks;
    }
}
