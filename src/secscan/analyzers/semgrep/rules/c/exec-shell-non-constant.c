#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

int run_user_filter(const char *filter_cmd)
{
    pid_t pid = fork();
    if (pid == 0) {
        // ruleid: c.lang.exec-shell-non-constant
        execl("/bin/sh", "sh", "-c", filter_cmd, (char *)NULL);
        _exit(127);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    return status;
}

int convert_image(const char *src, const char *dst)
{
    char cmd[1024];
    snprintf(cmd, sizeof(cmd), "convert %s %s", src, dst);
    char *argv[] = {"sh", "-c", cmd, NULL};
    pid_t pid = fork();
    if (pid == 0) {
        // ruleid: c.lang.exec-shell-non-constant
        execv("/bin/sh", argv);
        _exit(127);
    }
    return pid > 0 ? 0 : -1;
}

int rotate_logs(void)
{
    pid_t pid = fork();
    if (pid == 0) {
        // ok: c.lang.exec-shell-non-constant
        execl("/bin/sh", "sh", "-c", "logrotate /etc/logrotate.conf", (char *)NULL);
        _exit(127);
    }
    return pid > 0 ? 0 : -1;
}

int convert_image_direct(const char *src, const char *dst)
{
    char *argv[] = {"convert", "--", (char *)src, (char *)dst, NULL};
    pid_t pid = fork();
    if (pid == 0) {
        // ok: c.lang.exec-shell-non-constant
        execvp("convert", argv);
        _exit(127);
    }
    return pid > 0 ? 0 : -1;
}

int list_spool(void)
{
    char *argv[] = {"sh", "-c", "ls -l /var/spool/jobs", NULL};
    pid_t pid = fork();
    if (pid == 0) {
        // ok: c.lang.exec-shell-non-constant
        execv("/bin/sh", argv);
        _exit(127);
    }
    return pid > 0 ? 0 : -1;
}
