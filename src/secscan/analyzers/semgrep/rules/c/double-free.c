#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct message {
    char *body;
    size_t len;
};

int parse_message(struct message *msg, const char *raw)
{
    msg->body = strdup(raw);
    if (msg->body == NULL) {
        return -1;
    }
    if (strlen(msg->body) == 0) {
        free(msg->body);
        fprintf(stderr, "empty message\n");
    }
    msg->len = strlen(raw);
    // ruleid: c.lang.double-free
    free(msg->body);
    free(msg->body);
    return 0;
}

void process(char *buf)
{
    // ruleid: c.lang.double-free
    free(buf);
    puts("done");
    free(buf);
}

void process_reset(char *buf)
{
    // ok: c.lang.double-free
    free(buf);
    buf = NULL;
    free(buf);
}

void reuse_buffer(size_t n)
{
    char *buf = malloc(n);
    // ok: c.lang.double-free
    free(buf);
    buf = malloc(n * 2);
    free(buf);
}

int read_line(FILE *fp)
{
    char *line = NULL;
    size_t cap = 0;
    // ok: c.lang.double-free
    free(line);
    if (getline(&line, &cap, fp) < 0) {
        return -1;
    }
    free(line);
    return 0;
}
