package com.example.auth;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.commons.lang3.RandomStringUtils;

public class TokenService {
    private final Random random = new Random();
    private final SecureRandom secureRandom = new SecureRandom();

    public String generateResetToken() {
        // ruleid: java.lang.weak-random
        long value = random.nextLong();
        return Long.toHexString(value);
    }

    public String newSessionId() {
        // ruleid: java.lang.weak-random
        return Integer.toHexString(new Random().nextInt());
    }

    public void issue(User user) {
        // ruleid: java.lang.weak-random
        String apiKey = RandomStringUtils.randomAlphanumeric(32);
        // ruleid: java.lang.weak-random
        int otp = (int) (Math.random() * 1_000_000);
        // ruleid: java.lang.weak-random
        user.setPasswordSalt(Long.toString(ThreadLocalRandom.current().nextLong()));
    }

    public String generateCsrfToken() {
        byte[] bytes = new byte[32];
        // ok: java.lang.weak-random
        secureRandom.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public String createPasswordResetToken() {
        // ok: java.lang.weak-random
        Random rng = new SecureRandom();
        // ok: java.lang.weak-random
        return Long.toHexString(rng.nextLong());
    }

    public List<String> shuffleQuestions(List<String> questions) {
        // ok: java.lang.weak-random
        Collections.shuffle(questions, new Random());
        return questions;
    }

    public int pickBackoffMillis() {
        // ok: java.lang.weak-random
        int jitter = ThreadLocalRandom.current().nextInt(100);
        return 500 + jitter;
    }
}
