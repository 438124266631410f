#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

/* setuid helper: only let the invoking user read files they may read */
int read_user_file(const char *path, char *buf, size_t len)
{
    if (access(path, R_OK) != 0) {
        return -EACCES;
    }
    // ruleid: c.lang.access-toctou
    int fd = open(path, O_RDONLY);
    if (fd < 0) {
        return -errno;
    }
    ssize_t n = read(fd, buf, len);
    close(fd);
    return (int)n;
}

FILE *open_report(const char *path)
{
    if (access(path, W_OK) == 0) {
        // ruleid: c.lang.access-toctou
        return fopen(path, "a");
    }
    return NULL;
}

int reset_permissions(const char *path)
{
    int ok = access(path, F_OK);
    if (ok == 0) {
        // ruleid: c.lang.access-toctou
        return chmod(path, 0600);
    }
    return -1;
}

int read_user_file_safe(const char *path, char *buf, size_t len)
{
    // ok: c.lang.access-toctou
    int fd = open(path, O_RDONLY | O_NOFOLLOW);
    if (fd < 0) {
        return -errno;
    }
    ssize_t n = read(fd, buf, len);
    close(fd);
    return (int)n;
}

int config_exists(const char *path, const char *fallback)
{
    if (access(path, R_OK) == 0) {
        return 1;
    }
    // ok: c.lang.access-toctou
    FILE *fp = fopen(fallback, "r");
    if (fp == NULL) {
        return 0;
    }
    fclose(fp);
    return 2;
}

int reset_permissions_fd(int fd)
{
    struct stat st;
    if (fstat(fd, &st) != 0) {
        return -1;
    }
    // ok: c.lang.access-toctou
    return fchmod(fd, 0600);
}
