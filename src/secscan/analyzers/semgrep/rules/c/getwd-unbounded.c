#define _DEFAULT_SOURCE
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

void print_cwd(void)
{
    char dir[256];
    // ruleid: c.lang.getwd-unbounded
    if (getwd(dir) != NULL) {
        puts(dir);
    }
}

char *save_cwd(char *out)
{
    // ruleid: c.lang.getwd-unbounded
    return getwd(out);
}

void print_cwd_bounded(void)
{
    char dir[PATH_MAX];
    // ok: c.lang.getwd-unbounded
    if (getcwd(dir, sizeof(dir)) != NULL) {
        puts(dir);
    }
}

char *save_cwd_allocated(void)
{
    // ok: c.lang.getwd-unbounded
    return getcwd(NULL, 0);
}
