package com.example.crypto;

import java.security.GeneralSecurityException;
import java.security.Key;
import javax.crypto.Cipher;

public class PayloadEncryptor {
    private static final String TRANSFORMATION = "AES/ECB/PKCS5Padding";

    public byte[] encryptLegacy(Key key, byte[] data) throws GeneralSecurityException {
        // ruleid: java.lang.weak-cipher
        Cipher cipher = Cipher.getInstance("DES/CBC/PKCS5Padding");
        cipher.init(Cipher.ENCRYPT_MODE, key);
        return cipher.doFinal(data);
    }

    public byte[] encryptDefault(Key key, byte[] data) throws GeneralSecurityException {
        // ruleid: java.lang.weak-cipher
        Cipher cipher = Cipher.getInstance("AES");
        cipher.init(Cipher.ENCRYPT_MODE, key);
        return cipher.doFinal(data);
    }

    public Cipher ecb() throws GeneralSecurityException {
        // ruleid: java.lang.weak-cipher
        return Cipher.getInstance(TRANSFORMATION);
    }

    public Cipher stream() throws GeneralSecurityException {
        // ruleid: java.lang.weak-cipher
        return Cipher.getInstance("RC4");
    }

    public Cipher tripleDes() throws GeneralSecurityException {
        // ruleid: java.lang.weak-cipher
        return Cipher.getInstance("DESede/CBC/PKCS5Padding", "SunJCE");
    }

    public Cipher rawRsa() throws GeneralSecurityException {
        // ruleid: java.lang.weak-cipher
        return Cipher.getInstance("RSA/ECB/NoPadding");
    }

    public Cipher blowfish() throws GeneralSecurityException {
        // ruleid: java.lang.weak-cipher
        return Cipher.getInstance("Blowfish");
    }

    public Cipher gcm() throws GeneralSecurityException {
        // ok: java.lang.weak-cipher
        return Cipher.getInstance("AES/GCM/NoPadding");
    }

    public Cipher oaep() throws GeneralSecurityException {
        // ok: java.lang.weak-cipher
        return Cipher.getInstance("RSA/ECB/OAEPWithSHA-256AndMGF1Padding");
    }

    public Cipher chacha() throws GeneralSecurityException {
        // ok: java.lang.weak-cipher
        return Cipher.getInstance("ChaCha20-Poly1305");
    }
}
