#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>

struct account {
    char name[32];
    char email[64];
    int age;
};

int read_account(struct account *acct)
{
    // ruleid: c.lang.scanf-unbounded-string
    return scanf("%s %d", acct->name, &acct->age);
}

int parse_account_line(const char *line, struct account *acct)
{
    // ruleid: c.lang.scanf-unbounded-string
    return sscanf(line, "%d,%[^,],%s", &acct->age, acct->name, acct->email);
}

int load_config_entry(FILE *fp, char *key, char *value)
{
    // ruleid: c.lang.scanf-unbounded-string
    return fscanf(fp, "%31s = %s", key, value);
}

int read_account_bounded(struct account *acct)
{
    // ok: c.lang.scanf-unbounded-string
    return scanf("%31s %d", acct->name, &acct->age);
}

int parse_account_line_bounded(const char *line, struct account *acct)
{
    // ok: c.lang.scanf-unbounded-string
    return sscanf(line, "%d,%31[^,],%63s", &acct->age, acct->name, acct->email);
}

int skip_token_then_read_age(FILE *fp, struct account *acct)
{
    // ok: c.lang.scanf-unbounded-string
    return fscanf(fp, "%*s %d", &acct->age);
}

int read_name_allocating(char **name)
{
    // ok: c.lang.scanf-unbounded-string
    return scanf("%ms", name);
}

int read_percent(int *pct)
{
    // ok: c.lang.scanf-unbounded-string
    return scanf("%d%%s", pct);
}
