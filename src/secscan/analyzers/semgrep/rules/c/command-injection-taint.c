#define _POSIX_C_SOURCE 200809L
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <unistd.h>

static int is_valid_hostname(const char *s)
{
    for (; *s; s++) {
        if (!isalnum((unsigned char)*s) && *s != '.' && *s != '-') {
            return 0;
        }
    }
    return 1;
}

/* network daemon: ping a host requested by a client */
int handle_ping(int client)
{
    char host[128];
    char cmd[256];
    ssize_t n = recv(client, host, sizeof(host) - 1, 0);
    if (n <= 0) {
        return -1;
    }
    host[n] = '\0';
    // ruleid: c.lang.command-injection-taint
    snprintf(cmd, sizeof(cmd), "ping -c 1 %s", host);
    return system(cmd);
}

int run_editor(void)
{
    const char *editor = getenv("EDITOR");
    if (editor == NULL) {
        editor = "vi";
    }
    // ruleid: c.lang.command-injection-taint
    return system(editor);
}

void archive_logs(FILE *in)
{
    char line[256];
    char cmd[512];
    if (fgets(line, sizeof(line), in) == NULL) {
        return;
    }
    line[strcspn(line, "\n")] = '\0';
    strcpy(cmd, "tar czf /backup/logs.tgz ");
    // ruleid: c.lang.command-injection-taint
    strcat(cmd, line);
    // ruleid: c.lang.command-injection-taint
    FILE *p = popen(line, "r");
    if (p != NULL) {
        pclose(p);
    }
    system(cmd);
}

int main(int argc, char **argv)
{
    char cmd[256];
    if (argc < 2) {
        return 1;
    }
    pid_t pid = fork();
    if (pid == 0) {
        // ruleid: c.lang.command-injection-taint
        execl("/bin/sh", "sh", "-c", argv[1], (char *)NULL);
        _exit(127);
    }

    /* safe: converted to a number */
    int pid_to_kill = atoi(argv[2]);
    // ok: c.lang.command-injection-taint
    snprintf(cmd, sizeof(cmd), "kill -TERM %d", pid_to_kill);
    system(cmd);

    /* safe: validated with an allow-list function */
    if (is_valid_hostname(argv[3])) {
        // ok: c.lang.command-injection-taint
        snprintf(cmd, sizeof(cmd), "ping -c 1 %s", argv[3]);
        system(cmd);
    }

    /* safe: only a fixed value gets through */
    if (strcmp(argv[4], "restart") == 0) {
        // ok: c.lang.command-injection-taint
        snprintf(cmd, sizeof(cmd), "systemctl %s myapp", argv[4]);
        system(cmd);
    }

    /* safe: no shell involved */
    pid = fork();
    if (pid == 0) {
        // ok: c.lang.command-injection-taint
        execlp("ping", "ping", "-c", "1", "--", argv[3], (char *)NULL);
        _exit(127);
    }
    // ok: c.lang.command-injection-taint
    return system("/usr/bin/uptime");
}
