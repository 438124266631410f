#include <openssl/aes.h>
#include <openssl/evp.h>

int encrypt_blob(EVP_CIPHER_CTX *ctx, const unsigned char *key)
{
    // ruleid: c.openssl.ecb-mode
    return EVP_EncryptInit_ex(ctx, EVP_aes_256_ecb(), NULL, key, NULL);
}

void encrypt_block(const unsigned char *in, unsigned char *out, const AES_KEY *key)
{
    // ruleid: c.openssl.ecb-mode
    AES_ecb_encrypt(in, out, key, AES_ENCRYPT);
}

const EVP_CIPHER *cipher_from_name(void)
{
    // ruleid: c.openssl.ecb-mode
    return EVP_get_cipherbyname("aes-128-ecb");
}

int encrypt_blob_gcm(EVP_CIPHER_CTX *ctx, const unsigned char *key, const unsigned char *iv)
{
    // ok: c.openssl.ecb-mode
    return EVP_EncryptInit_ex(ctx, EVP_aes_256_gcm(), NULL, key, iv);
}

const EVP_CIPHER *cipher_ctr(void)
{
    // ok: c.openssl.ecb-mode
    return EVP_get_cipherbyname("aes-256-ctr");
}
