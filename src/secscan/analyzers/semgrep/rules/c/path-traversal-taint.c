#define _GNU_SOURCE
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <unistd.h>

#define DOC_ROOT "/var/www/files"

/* tiny file server: the client sends a file name, we send the file back */
int serve_file(int client)
{
    char name[256];
    char path[PATH_MAX];
    ssize_t n = recv(client, name, sizeof(name) - 1, 0);
    if (n <= 0) {
        return -1;
    }
    name[n] = '\0';
    // ruleid: c.lang.path-traversal-taint
    snprintf(path, sizeof(path), "%s/%s", DOC_ROOT, name);
    int fd = open(path, O_RDONLY);
    if (fd < 0) {
        return -1;
    }
    close(fd);
    return 0;
}

/* CGI download script */
int cgi_download(void)
{
    const char *file = getenv("QUERY_STRING");
    if (file == NULL) {
        return 1;
    }
    // ruleid: c.lang.path-traversal-taint
    FILE *fp = fopen(file, "rb");
    if (fp == NULL) {
        return 1;
    }
    fclose(fp);
    return 0;
}

int delete_upload(int client)
{
    char name[128];
    if (read(client, name, sizeof(name) - 1) <= 0) {
        return -1;
    }
    name[sizeof(name) - 1] = '\0';
    // ruleid: c.lang.path-traversal-taint
    return unlink(name);
}

int serve_file_basename(int client)
{
    char name[256];
    char path[PATH_MAX];
    ssize_t n = recv(client, name, sizeof(name) - 1, 0);
    if (n <= 0) {
        return -1;
    }
    name[n] = '\0';
    const char *base = basename(name);
    // ok: c.lang.path-traversal-taint
    snprintf(path, sizeof(path), "%s/%s", DOC_ROOT, base);
    int fd = open(path, O_RDONLY);
    if (fd >= 0) {
        close(fd);
    }
    return fd;
}

int serve_file_checked(int client)
{
    char name[256];
    char path[PATH_MAX];
    ssize_t n = recv(client, name, sizeof(name) - 1, 0);
    if (n <= 0) {
        return -1;
    }
    name[n] = '\0';
    if (strstr(name, "..") != NULL || strchr(name, '/') != NULL) {
        return -1;
    }
    // ok: c.lang.path-traversal-taint
    snprintf(path, sizeof(path), "%s/%s", DOC_ROOT, name);
    int fd = open(path, O_RDONLY);
    if (fd >= 0) {
        close(fd);
    }
    return fd;
}

int cgi_download_contained(void)
{
    const char *file = getenv("PATH_INFO");
    if (file == NULL) {
        return 1;
    }
    char *resolved = realpath(file, NULL);
    if (resolved == NULL) {
        return 1;
    }
    if (strncmp(resolved, DOC_ROOT "/", strlen(DOC_ROOT) + 1) != 0) {
        free(resolved);
        return 1;
    }
    // ok: c.lang.path-traversal-taint
    FILE *fp = fopen(resolved, "rb");
    free(resolved);
    if (fp == NULL) {
        return 1;
    }
    fclose(fp);
    return 0;
}

int main(int argc, char **argv)
{
    /* command-line tools open the files their user names */
    // ok: c.lang.path-traversal-taint
    FILE *fp = fopen(argc > 1 ? argv[1] : "/dev/stdin", "r");
    if (fp == NULL) {
        return 1;
    }
    fclose(fp);
    return cgi_download() + cgi_download_contained();
}
