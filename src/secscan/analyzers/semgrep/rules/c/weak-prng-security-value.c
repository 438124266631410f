#define _DEFAULT_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/random.h>

static const char ALPHABET[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

struct session {
    char id[33];
    uint32_t csrf_token;
    int ttl;
};

void generate_session_token(char *out, size_t len)
{
    for (size_t i = 0; i + 1 < len; i++) {
        // ruleid: c.lang.weak-prng-security-value
        out[i] = ALPHABET[rand() % (sizeof(ALPHABET) - 1)];
    }
    out[len - 1] = '\0';
}

void start_session(struct session *s)
{
    // ruleid: c.lang.weak-prng-security-value
    s->csrf_token = (uint32_t)random();
    // ok: c.lang.weak-prng-security-value
    s->ttl = 3600 + rand() % 600;
}

void fill_salt(unsigned char *salt, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        // ruleid: c.lang.weak-prng-security-value
        salt[i] = (unsigned char)(lrand48() & 0xff);
    }
}

int roll_dice(void)
{
    // ok: c.lang.weak-prng-security-value
    return rand() % 6 + 1;
}

void shuffle_playlist(int *tracks, int n)
{
    for (int i = n - 1; i > 0; i--) {
        // ok: c.lang.weak-prng-security-value
        int j = rand() % (i + 1);
        int t = tracks[i];
        tracks[i] = tracks[j];
        tracks[j] = t;
    }
}

int generate_session_token_secure(char *out, size_t len)
{
    unsigned char raw[64];
    if (len > sizeof(raw)) {
        return -1;
    }
    // ok: c.lang.weak-prng-security-value
    if (getrandom(raw, len, 0) != (ssize_t)len) {
        return -1;
    }
    for (size_t i = 0; i + 1 < len; i++) {
        out[i] = ALPHABET[raw[i] % (sizeof(ALPHABET) - 1)];
    }
    out[len - 1] = '\0';
    return 0;
}
