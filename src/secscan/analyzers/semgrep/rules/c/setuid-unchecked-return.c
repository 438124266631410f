#define _GNU_SOURCE
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

void drop_privileges(const struct passwd *pw)
{
    // ruleid: c.lang.setuid-unchecked-return
    initgroups(pw->pw_name, pw->pw_gid);
    // ruleid: c.lang.setuid-unchecked-return
    setgid(pw->pw_gid);
    // ruleid: c.lang.setuid-unchecked-return
    (void)setuid(pw->pw_uid);
}

void drop_privileges_checked(const struct passwd *pw)
{
    // ok: c.lang.setuid-unchecked-return
    if (initgroups(pw->pw_name, pw->pw_gid) != 0) {
        perror("initgroups");
        exit(EXIT_FAILURE);
    }
    // ok: c.lang.setuid-unchecked-return
    if (setresgid(pw->pw_gid, pw->pw_gid, pw->pw_gid) != 0) {
        perror("setresgid");
        exit(EXIT_FAILURE);
    }
    // ok: c.lang.setuid-unchecked-return
    int rc = setresuid(pw->pw_uid, pw->pw_uid, pw->pw_uid);
    if (rc != 0) {
        perror("setresuid");
        exit(EXIT_FAILURE);
    }
}

int become_user(uid_t uid)
{
    // ok: c.lang.setuid-unchecked-return
    return setuid(uid);
}
