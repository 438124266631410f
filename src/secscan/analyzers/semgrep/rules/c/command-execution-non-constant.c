#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define RELOAD_CMD "/usr/sbin/nginx -s reload"

int compress_upload(const char *filename)
{
    char cmd[512];
    snprintf(cmd, sizeof(cmd), "gzip -9 '%s'", filename);
    // ruleid: c.lang.command-execution-non-constant
    return system(cmd);
}

long disk_usage(const char *dir)
{
    char cmd[512];
    char out[64] = {0};
    snprintf(cmd, sizeof(cmd), "du -sb %s", dir);
    // ruleid: c.lang.command-execution-non-constant
    FILE *p = popen(cmd, "r");
    if (p == NULL) {
        return -1;
    }
    if (fgets(out, sizeof(out), p) == NULL) {
        out[0] = '\0';
    }
    pclose(p);
    return atol(out);
}

int run_hook(void)
{
    const char *hook = getenv("POST_BUILD_HOOK");
    // ruleid: c.lang.command-execution-non-constant
    return hook ? system(hook) : 0;
}

int reload_server(int graceful)
{
    // ok: c.lang.command-execution-non-constant
    if (system("/usr/sbin/nginx -t") != 0) {
        return -1;
    }
    // ok: c.lang.command-execution-non-constant
    system(RELOAD_CMD);
    // ok: c.lang.command-execution-non-constant
    return system(graceful ? "/usr/sbin/nginx -s quit" : "/usr/sbin/nginx -s stop");
}

long count_processes(void)
{
    char out[32] = {0};
    // ok: c.lang.command-execution-non-constant
    FILE *p = popen("ps -e --no-headers | wc -l", "r");
    if (p == NULL) {
        return -1;
    }
    if (fgets(out, sizeof(out), p) == NULL) {
        out[0] = '\0';
    }
    pclose(p);
    return atol(out);
}

int compress_upload_noshell(const char *filename)
{
    pid_t pid = fork();
    if (pid == 0) {
        // ok: c.lang.command-execution-non-constant
        execlp("gzip", "gzip", "-9", "--", filename, (char *)NULL);
        _exit(127);
    }
    return pid > 0 ? 0 : -1;
}
