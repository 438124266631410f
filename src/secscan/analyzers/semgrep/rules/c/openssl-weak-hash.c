#include <string.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/md5.h>
#include <openssl/sha.h>

int fingerprint_cert(const unsigned char *der, size_t len, unsigned char *out)
{
    // ruleid: c.openssl.weak-hash
    return SHA1(der, len, out) != NULL;
}

void hash_password(const char *password, unsigned char digest[MD5_DIGEST_LENGTH])
{
    MD5_CTX ctx;
    // ruleid: c.openssl.weak-hash
    MD5_Init(&ctx);
    MD5_Update(&ctx, password, strlen(password));
    MD5_Final(digest, &ctx);
}

int sign_digest(EVP_MD_CTX *mdctx, const void *data, size_t len)
{
    // ruleid: c.openssl.weak-hash
    if (EVP_DigestInit_ex(mdctx, EVP_md5(), NULL) != 1) {
        return -1;
    }
    return EVP_DigestUpdate(mdctx, data, len);
}

const EVP_MD *digest_from_config(void)
{
    // ruleid: c.openssl.weak-hash
    return EVP_get_digestbyname("sha1");
}

int sign_digest_sha256(EVP_MD_CTX *mdctx, const void *data, size_t len)
{
    // ok: c.openssl.weak-hash
    if (EVP_DigestInit_ex(mdctx, EVP_sha256(), NULL) != 1) {
        return -1;
    }
    return EVP_DigestUpdate(mdctx, data, len);
}

unsigned char *totp_hmac(const unsigned char *key, int keylen, const unsigned char *msg, size_t msglen,
                         unsigned char *out, unsigned int *outlen)
{
    /* RFC 6238 TOTP is defined over HMAC-SHA1 */
    // ok: c.openssl.weak-hash
    return HMAC(EVP_sha1(), key, keylen, msg, msglen, out, outlen);
}

const EVP_MD *digest_sha384(void)
{
    // ok: c.openssl.weak-hash
    return EVP_get_digestbyname("sha384");
}
