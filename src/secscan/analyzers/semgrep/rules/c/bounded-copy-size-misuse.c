#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct request {
    char host[64];
    char path[128];
};

void set_host(struct request *req, const char *host)
{
    // ruleid: c.lang.bounded-copy-size-misuse
    strncpy(req->host, host, strlen(host));
}

void set_path(struct request *req, const char *path)
{
    // ruleid: c.lang.bounded-copy-size-misuse
    memcpy(req->path, path, strlen(path) + 1);
}

void append_query(char *url, const char *query)
{
    char buf[256];
    strcpy(buf, url);
    // ruleid: c.lang.bounded-copy-size-misuse
    strncat(buf, query, sizeof(buf));
    puts(buf);
}

void set_host_bounded(struct request *req, const char *host)
{
    // ok: c.lang.bounded-copy-size-misuse
    strncpy(req->host, host, sizeof(req->host) - 1);
    req->host[sizeof(req->host) - 1] = '\0';
}

void append_query_bounded(const char *url, const char *query)
{
    char buf[256];
    snprintf(buf, sizeof(buf), "%s", url);
    // ok: c.lang.bounded-copy-size-misuse
    strncat(buf, query, sizeof(buf) - strlen(buf) - 1);
    puts(buf);
}

char *dup_path(const char *path)
{
    char *copy = malloc(strlen(path) + 1);
    if (copy == NULL) {
        return NULL;
    }
    // ok: c.lang.bounded-copy-size-misuse
    memcpy(copy, path, strlen(path) + 1);
    return copy;
}

int set_path_checked(struct request *req, const char *path)
{
    if (strlen(path) >= sizeof(req->path)) {
        return -1;
    }
    // ok: c.lang.bounded-copy-size-misuse
    memcpy(req->path, path, strlen(path) + 1);
    return 0;
}
