#include <stdarg.h>
#include <stdio.h>
#include <string.h>

struct session {
    char user[32];
    char greeting[64];
    char log_line[128];
};

void build_greeting(struct session *s, const char *display_name)
{
    // ruleid: c.lang.sprintf-unbounded-string
    sprintf(s->greeting, "Welcome back, %s!", display_name);
}

void log_access(struct session *s, const char *path, int status)
{
    // ruleid: c.lang.sprintf-unbounded-string
    sprintf(s->log_line, "%d %-20s %s", status, s->user, path);
}

void log_message(struct session *s, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    // ruleid: c.lang.sprintf-unbounded-string
    vsprintf(s->log_line, fmt, ap);
    va_end(ap);
}

void build_greeting_bounded(struct session *s, const char *display_name)
{
    // ok: c.lang.sprintf-unbounded-string
    snprintf(s->greeting, sizeof(s->greeting), "Welcome back, %s!", display_name);
}

void build_greeting_precision(struct session *s, const char *display_name)
{
    // ok: c.lang.sprintf-unbounded-string
    sprintf(s->greeting, "Welcome back, %.40s!", display_name);
}

void format_status(char *out, int status, unsigned long bytes)
{
    char code[8];
    // ok: c.lang.sprintf-unbounded-string
    sprintf(code, "%03d", status % 1000);
    // ok: c.lang.sprintf-unbounded-string
    sprintf(out, "100%%s done: %lu bytes, code %.7s", bytes, code);
}

void log_message_bounded(struct session *s, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    // ok: c.lang.sprintf-unbounded-string
    vsnprintf(s->log_line, sizeof(s->log_line), fmt, ap);
    va_end(ap);
}
