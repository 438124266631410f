#define _DEFAULT_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

FILE *open_spool_file(void)
{
    char name[L_tmpnam];
    // ruleid: c.lang.insecure-temp-file
    if (tmpnam(name) == NULL) {
        return NULL;
    }
    return fopen(name, "w+");
}

int create_upload_file(char *out, size_t outlen)
{
    // ruleid: c.lang.insecure-temp-file
    char *name = tempnam("/tmp", "upl");
    if (name == NULL) {
        return -1;
    }
    snprintf(out, outlen, "%s", name);
    free(name);
    return open(out, O_CREAT | O_WRONLY, 0644);
}

int create_cache_file(void)
{
    char tmpl[] = "/tmp/cacheXXXXXX";
    // ruleid: c.lang.insecure-temp-file
    mktemp(tmpl);
    return open(tmpl, O_CREAT | O_RDWR, 0600);
}

int create_cache_file_safe(void)
{
    char tmpl[] = "/tmp/cacheXXXXXX";
    // ok: c.lang.insecure-temp-file
    int fd = mkstemp(tmpl);
    if (fd >= 0) {
        unlink(tmpl);
    }
    return fd;
}

FILE *open_spool_file_safe(void)
{
    // ok: c.lang.insecure-temp-file
    return tmpfile();
}

char *make_work_dir(void)
{
    static char dir[] = "/tmp/workXXXXXX";
    // ok: c.lang.insecure-temp-file
    return mkdtemp(dir);
}
