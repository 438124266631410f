#include <stdio.h>
#include <stdlib.h>
#include <mysql.h>
#include <libpq-fe.h>

// ruleid: c.lang.hardcoded-credentials
static const char *db_password = "S3cr3t-Pr0d!";
// ruleid: c.lang.hardcoded-credentials
static const char API_KEY[] = "sk_live_4eC39HqLyjWDarjtT1zdp7dc";
// ok: c.lang.hardcoded-credentials
static const char *password_prompt = "Password: ";
// ok: c.lang.hardcoded-credentials
static const char *default_password = "";

MYSQL *connect_orders_db(MYSQL *conn)
{
    // ruleid: c.lang.hardcoded-credentials
    return mysql_real_connect(conn, "db.internal", "orders", "hunter2", "orders", 3306, NULL, 0);
}

PGconn *connect_reports_db(void)
{
    // ruleid: c.lang.hardcoded-credentials
    return PQconnectdb("host=db.internal dbname=reports user=report password=Winter2024");
}

MYSQL *connect_orders_db_env(MYSQL *conn)
{
    const char *pw = getenv("ORDERS_DB_PASSWORD");
    if (pw == NULL) {
        return NULL;
    }
    // ok: c.lang.hardcoded-credentials
    return mysql_real_connect(conn, "db.internal", "orders", pw, "orders", 3306, NULL, 0);
}

PGconn *connect_reports_db_service(void)
{
    /* credentials come from ~/.pgpass or PGPASSWORD */
    // ok: c.lang.hardcoded-credentials
    return PQconnectdb("host=db.internal dbname=reports user=report");
}

int show_prompt(void)
{
    return printf("%s %s", password_prompt, default_password);
}
