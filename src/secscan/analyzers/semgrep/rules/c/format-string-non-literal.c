#include <libintl.h>
#include <stdio.h>
#include <string.h>
#include <syslog.h>

#define _(msgid) gettext(msgid)
#define LOG_FMT "%s: %s\n"

struct conn {
    int fd;
    char peer[64];
    char last_error[128];
};

void report_error(struct conn *c, const char *msg)
{
    // ruleid: c.lang.format-string-non-literal
    fprintf(stderr, msg);
    // ruleid: c.lang.format-string-non-literal
    syslog(LOG_ERR, msg);
}

void echo_line(const char *line)
{
    // ruleid: c.lang.format-string-non-literal
    printf(line);
}

void remember_error(struct conn *c, const char *detail)
{
    // ruleid: c.lang.format-string-non-literal
    snprintf(c->last_error, sizeof(c->last_error), detail);
}

void report_error_safe(struct conn *c, const char *msg)
{
    // ok: c.lang.format-string-non-literal
    fprintf(stderr, "%s: %s\n", c->peer, msg);
    // ok: c.lang.format-string-non-literal
    syslog(LOG_ERR, "connection %d: %s", c->fd, msg);
    // ok: c.lang.format-string-non-literal
    fprintf(stderr, LOG_FMT, c->peer, msg);
}

void echo_line_safe(const char *line, int verbose)
{
    const char *fmt = "%s\n";
    // ok: c.lang.format-string-non-literal
    printf(fmt, line);
    // ok: c.lang.format-string-non-literal
    printf(verbose ? "line: %s\n" : "%s\n", line);
    // ok: c.lang.format-string-non-literal
    printf(_("Read %zu bytes\n"), strlen(line));
}

void remember_error_safe(struct conn *c, const char *detail)
{
    // ok: c.lang.format-string-non-literal
    snprintf(c->last_error, sizeof(c->last_error), "%s", detail);
}
