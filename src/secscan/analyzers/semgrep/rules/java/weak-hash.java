package com.example.crypto;

import com.google.common.hash.Hashing;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.apache.commons.codec.digest.DigestUtils;
import org.apache.commons.codec.digest.MessageDigestAlgorithms;

public class PasswordHasher {
    private static final String LEGACY_ALGORITHM = "MD5";

    public byte[] hashPassword(String password) throws NoSuchAlgorithmException {
        // ruleid: java.lang.weak-hash
        MessageDigest md = MessageDigest.getInstance("MD5");
        return md.digest(password.getBytes(StandardCharsets.UTF_8));
    }

    public byte[] signaturePayload(byte[] data) throws NoSuchAlgorithmException {
        // ruleid: java.lang.weak-hash
        return MessageDigest.getInstance("SHA-1").digest(data);
    }

    public byte[] legacy(byte[] data) throws NoSuchAlgorithmException {
        // ruleid: java.lang.weak-hash
        return MessageDigest.getInstance(LEGACY_ALGORITHM).digest(data);
    }

    public String token(String userId) {
        // ruleid: java.lang.weak-hash
        return DigestUtils.md5Hex(userId + System.nanoTime());
    }

    public String fingerprint(byte[] key) {
        // ruleid: java.lang.weak-hash
        return Hashing.sha1().hashBytes(key).toString();
    }

    public byte[] commons(byte[] data) throws NoSuchAlgorithmException {
        // ruleid: java.lang.weak-hash
        return MessageDigest.getInstance(MessageDigestAlgorithms.MD5).digest(data);
    }

    public byte[] strong(byte[] data) throws NoSuchAlgorithmException {
        // ok: java.lang.weak-hash
        return MessageDigest.getInstance("SHA-256").digest(data);
    }

    public String strongHex(String data) {
        // ok: java.lang.weak-hash
        return DigestUtils.sha256Hex(data);
    }

    public byte[] sha3(byte[] data) throws NoSuchAlgorithmException {
        // ok: java.lang.weak-hash
        return MessageDigest.getInstance("SHA3-256").digest(data);
    }
}
