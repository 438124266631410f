#define _DEFAULT_SOURCE
#include <alloca.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>
#include <sys/socket.h>

#define MAX_NAME 256

int handle_packet(int sock, const uint8_t *hdr)
{
    uint32_t payload_len = (uint32_t)hdr[0] << 8 | hdr[1];
    // ruleid: c.lang.alloca-unbounded-size
    char *payload = alloca(payload_len);
    return (int)recv(sock, payload, payload_len, 0);
}

void print_upper(const char *s)
{
    // ruleid: c.lang.alloca-unbounded-size
    char *copy = alloca(strlen(s) + 1);
    strcpy(copy, s);
    puts(copy);
}

int handle_packet_checked(int sock, const uint8_t *hdr)
{
    uint32_t payload_len = (uint32_t)hdr[0] << 8 | hdr[1];
    if (payload_len > 1024) {
        return -1;
    }
    // ok: c.lang.alloca-unbounded-size
    char *payload = alloca(payload_len);
    return (int)recv(sock, payload, payload_len, 0);
}

void fixed_scratch(void)
{
    // ok: c.lang.alloca-unbounded-size
    char *scratch = alloca(64);
    // ok: c.lang.alloca-unbounded-size
    int *ids = alloca(16 * sizeof(int));
    // ok: c.lang.alloca-unbounded-size
    char *name = alloca(MAX_NAME);
    snprintf(scratch, 64, "%d %s", ids[0] = 1, name);
}
