#define _DEFAULT_SOURCE
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NAME_LEN 128

int is_under_root(const char *root, const char *requested)
{
    char resolved[256];
    // ruleid: c.lang.realpath-small-buffer
    if (realpath(requested, resolved) == NULL) {
        return 0;
    }
    return strncmp(resolved, root, strlen(root)) == 0;
}

char *canonical_name(const char *name)
{
    char *out = malloc(NAME_LEN);
    if (out == NULL) {
        return NULL;
    }
    // ruleid: c.lang.realpath-small-buffer
    return realpath(name, out);
}

int is_under_root_path_max(const char *root, const char *requested)
{
    char resolved[PATH_MAX];
    // ok: c.lang.realpath-small-buffer
    if (realpath(requested, resolved) == NULL) {
        return 0;
    }
    return strncmp(resolved, root, strlen(root)) == 0;
}

char *canonical_name_allocated(const char *name)
{
    // ok: c.lang.realpath-small-buffer
    return realpath(name, NULL);
}

char *canonical_name_heap(const char *name)
{
    char *out = malloc(PATH_MAX + 1);
    if (out == NULL) {
        return NULL;
    }
    // ok: c.lang.realpath-small-buffer
    return realpath(name, out);
}
