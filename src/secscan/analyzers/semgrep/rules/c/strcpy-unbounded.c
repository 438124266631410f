#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

struct user {
    char name[32];
    char home[64];
    int uid;
};

void set_user_name(struct user *u, const char *name)
{
    // ruleid: c.lang.strcpy-unbounded
    strcpy(u->name, name);
}

int handle_request(const char *query)
{
    char path[128];
    // ruleid: c.lang.strcpy-unbounded
    strcpy(path, query);
    return puts(path);
}

void copy_title(wchar_t *dst, const wchar_t *title)
{
    // ruleid: c.lang.strcpy-unbounded
    wcscpy(dst, title);
}

int main(int argc, char **argv)
{
    char prog[16];
    if (argc < 2) {
        return 1;
    }
    // ruleid: c.lang.strcpy-unbounded
    strcpy(prog, argv[1]);
    printf("%s\n", prog);
    return 0;
}

void set_default_home(struct user *u, int is_root)
{
    // ok: c.lang.strcpy-unbounded
    strcpy(u->home, "/home/nobody");
    // ok: c.lang.strcpy-unbounded
    strcpy(u->name, is_root ? "root" : "nobody");
}

char *dup_string(const char *src)
{
    char *copy = malloc(strlen(src) + 1);
    if (copy == NULL) {
        return NULL;
    }
    // ok: c.lang.strcpy-unbounded
    strcpy(copy, src);
    return copy;
}

int set_user_name_checked(struct user *u, const char *name)
{
    if (strlen(name) >= sizeof(u->name)) {
        return -1;
    }
    // ok: c.lang.strcpy-unbounded
    strcpy(u->name, name);
    return 0;
}

int set_home_checked(struct user *u, const char *home)
{
    size_t len = strlen(home);
    if (len + 1 > sizeof(u->home)) {
        return -1;
    }
    // ok: c.lang.strcpy-unbounded
    strcpy(u->home, home);
    return 0;
}

void set_user_name_bounded(struct user *u, const char *name)
{
    // ok: c.lang.strcpy-unbounded
    snprintf(u->name, sizeof(u->name), "%s", name);
}
