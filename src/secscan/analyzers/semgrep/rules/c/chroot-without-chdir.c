#define _DEFAULT_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int enter_jail(const char *jail, uid_t uid)
{
    // ruleid: c.lang.chroot-without-chdir
    if (chroot(jail) != 0) {
        perror("chroot");
        return -1;
    }
    if (setuid(uid) != 0) {
        return -1;
    }
    return 0;
}

void sandbox(const char *dir)
{
    // ruleid: c.lang.chroot-without-chdir
    chroot(dir);
}

int enter_jail_safe(const char *jail, uid_t uid)
{
    // ok: c.lang.chroot-without-chdir
    if (chroot(jail) != 0) {
        perror("chroot");
        return -1;
    }
    if (chdir("/") != 0) {
        perror("chdir");
        return -1;
    }
    return setuid(uid);
}

int enter_jail_combined(const char *jail)
{
    // ok: c.lang.chroot-without-chdir
    if (chroot(jail) == -1 || chdir("/") == -1) {
        return -1;
    }
    return 0;
}

int enter_jail_chdir_first(const char *jail)
{
    if (chdir(jail) != 0) {
        return -1;
    }
    // ok: c.lang.chroot-without-chdir
    if (chroot(".") != 0) {
        return -1;
    }
    return 0;
}
