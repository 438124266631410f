#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <syslog.h>

void log_client_greeting(int client)
{
    char hello[256];
    ssize_t n = recv(client, hello, sizeof(hello) - 1, 0);
    if (n <= 0) {
        return;
    }
    hello[n] = '\0';
    // ruleid: c.lang.format-string-taint
    syslog(LOG_INFO, hello);
    // ok: c.lang.format-string-taint
    syslog(LOG_INFO, "client said: %s", hello);
}

void show_banner(void)
{
    const char *banner = getenv("APP_BANNER");
    if (banner != NULL) {
        // ruleid: c.lang.format-string-taint
        printf(banner);
        // ok: c.lang.format-string-taint
        printf("%s\n", banner);
    }
}

void echo_lines(FILE *in, FILE *out)
{
    char line[512];
    char prefixed[600];
    while (fgets(line, sizeof(line), in) != NULL) {
        // ruleid: c.lang.format-string-taint
        fprintf(out, line);
        // ruleid: c.lang.format-string-taint
        snprintf(prefixed, sizeof(prefixed), "> %s", line);
        fprintf(out, prefixed);
        // ok: c.lang.format-string-taint
        fputs(line, out);
    }
}

int main(int argc, char *argv[])
{
    char msg[128];
    if (argc < 2) {
        return 1;
    }
    // ruleid: c.lang.format-string-taint
    snprintf(msg, sizeof(msg), argv[1]);
    // ok: c.lang.format-string-taint
    snprintf(msg, sizeof(msg), "%s", argv[1]);
    // ok: c.lang.format-string-taint
    printf("%s: %s\n", argv[0], msg);
    return 0;
}
