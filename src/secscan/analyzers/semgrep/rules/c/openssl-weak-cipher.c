#include <openssl/des.h>
#include <openssl/evp.h>
#include <openssl/rc4.h>

int encrypt_record(EVP_CIPHER_CTX *ctx, const unsigned char *key, const unsigned char *iv)
{
    // ruleid: c.openssl.weak-cipher
    return EVP_EncryptInit_ex(ctx, EVP_des_cbc(), NULL, key, iv);
}

int encrypt_legacy(EVP_CIPHER_CTX *ctx, const unsigned char *key, const unsigned char *iv)
{
    // ruleid: c.openssl.weak-cipher
    return EVP_EncryptInit_ex(ctx, EVP_des_ede3_cbc(), NULL, key, iv);
}

void obfuscate(unsigned char *buf, size_t len, const unsigned char *key, int keylen)
{
    RC4_KEY rc4;
    // ruleid: c.openssl.weak-cipher
    RC4_set_key(&rc4, keylen, key);
    // ruleid: c.openssl.weak-cipher
    RC4(&rc4, len, buf, buf);
}

const EVP_CIPHER *cipher_from_config(void)
{
    // ruleid: c.openssl.weak-cipher
    return EVP_get_cipherbyname("rc4");
}

int encrypt_record_gcm(EVP_CIPHER_CTX *ctx, const unsigned char *key, const unsigned char *iv)
{
    // ok: c.openssl.weak-cipher
    return EVP_EncryptInit_ex(ctx, EVP_aes_256_gcm(), NULL, key, iv);
}

const EVP_CIPHER *cipher_chacha(void)
{
    // ok: c.openssl.weak-cipher
    return EVP_get_cipherbyname("chacha20-poly1305");
}
