#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#define PATH_LEN 256

int open_user_file(const char *user, const char *file)
{
    char path[PATH_LEN];

    strcpy(path, "/srv/data/");
    // ruleid: c.lang.strcat-unbounded
    strcat(path, user);
    strcat(path, "/");
    // ruleid: c.lang.strcat-unbounded
    strcat(path, file);
    return puts(path);
}

void append_header(char *response, const char *value)
{
    strcat(response, "X-Request-Id: ");
    // ruleid: c.lang.strcat-unbounded
    strcat(response, value);
    // ok: c.lang.strcat-unbounded
    strcat(response, "\r\n");
}

void add_suffix(wchar_t *title, const wchar_t *suffix)
{
    // ruleid: c.lang.strcat-unbounded
    wcscat(title, suffix);
}

char *join_path(const char *dir, const char *name)
{
    char *full = malloc(strlen(dir) + strlen(name) + 2);
    if (full == NULL) {
        return NULL;
    }
    strcpy(full, dir);
    strcat(full, "/");
    // ok: c.lang.strcat-unbounded
    strcat(full, name);
    return full;
}

int append_checked(char *buf, size_t size, const char *more)
{
    if (strlen(buf) + strlen(more) + 1 > size) {
        return -1;
    }
    // ok: c.lang.strcat-unbounded
    strcat(buf, more);
    return 0;
}

int append_bounded(char *buf, size_t size, const char *more)
{
    size_t used = strlen(buf);
    // ok: c.lang.strcat-unbounded
    int n = snprintf(buf + used, size - used, "%s", more);
    return n < 0 || (size_t)n >= size - used ? -1 : 0;
}

void add_mode(char *buf, int verbose)
{
    // ok: c.lang.strcat-unbounded
    strcat(buf, verbose ? " -v" : " -q");
}
