#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <string.h>
#include <sys/types.h>

/* Legacy code base: glibc no longer declares gets() since C11. */
extern char *gets(char *s);

#define LINE_MAX_LEN 128

int read_username(char *out, size_t outlen)
{
    char line[64];

    printf("login: ");
    fflush(stdout);
    // ruleid: c.lang.gets-unbounded-read
    if (gets(line) == NULL) {
        return -1;
    }
    strncpy(out, line, outlen - 1);
    out[outlen - 1] = '\0';
    return 0;
}

void read_command(void)
{
    char cmd[LINE_MAX_LEN];
    // ruleid: c.lang.gets-unbounded-read
    gets(cmd);
    puts(cmd);
}

int read_username_safe(char *out, size_t outlen)
{
    // ok: c.lang.gets-unbounded-read
    if (fgets(out, (int)outlen, stdin) == NULL) {
        return -1;
    }
    out[strcspn(out, "\n")] = '\0';
    return 0;
}

ssize_t read_line_dynamic(char **line, size_t *cap)
{
    // ok: c.lang.gets-unbounded-read
    return getline(line, cap, stdin);
}

/* A struct member named like the function is not a call to gets(). */
struct reader {
    char *(*gets_fn)(char *, int, FILE *);
};

char *read_via_reader(struct reader *r, char *buf, int n)
{
    // ok: c.lang.gets-unbounded-read
    return r->gets_fn(buf, n, stdin);
}
