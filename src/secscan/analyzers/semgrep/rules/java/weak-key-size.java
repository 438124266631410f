package com.example.keys;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.RSAKeyGenParameterSpec;

public class KeyFactoryService {
    public KeyPair signingKey() throws GeneralSecurityException {
        KeyPairGenerator kpg = KeyPairGenerator.getInstance("RSA");
        // ruleid: java.lang.weak-key-size
        kpg.initialize(1024);
        return kpg.generateKeyPair();
    }

    public KeyPair dsaKey() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("DSA");
        // ruleid: java.lang.weak-key-size
        generator.initialize(512);
        return generator.generateKeyPair();
    }

    public KeyPair specKey() throws GeneralSecurityException {
        KeyPairGenerator kpg = KeyPairGenerator.getInstance("RSA");
        // ruleid: java.lang.weak-key-size
        kpg.initialize(new RSAKeyGenParameterSpec(1024, RSAKeyGenParameterSpec.F4));
        return kpg.generateKeyPair();
    }

    public KeyPair strongKey() throws GeneralSecurityException {
        KeyPairGenerator kpg = KeyPairGenerator.getInstance("RSA");
        // ok: java.lang.weak-key-size
        kpg.initialize(3072);
        return kpg.generateKeyPair();
    }

    public KeyPair ecKey() throws GeneralSecurityException {
        KeyPairGenerator kpg = KeyPairGenerator.getInstance("EC");
        // ok: java.lang.weak-key-size
        kpg.initialize(256);
        return kpg.generateKeyPair();
    }

    public KeyPair strongSpec() throws GeneralSecurityException {
        KeyPairGenerator kpg = KeyPairGenerator.getInstance("RSA");
        // ok: java.lang.weak-key-size
        kpg.initialize(new RSAKeyGenParameterSpec(4096, RSAKeyGenParameterSpec.F4));
        return kpg.generateKeyPair();
    }
}
