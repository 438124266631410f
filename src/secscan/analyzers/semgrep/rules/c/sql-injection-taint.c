#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <mysql.h>
#include <sqlite3.h>

int find_user(sqlite3 *db, int client)
{
    char name[64];
    char sql[256];
    ssize_t n = recv(client, name, sizeof(name) - 1, 0);
    if (n <= 0) {
        return -1;
    }
    name[n] = '\0';
    // ruleid: c.lang.sql-injection-taint
    snprintf(sql, sizeof(sql), "SELECT id FROM users WHERE name = '%s'", name);
    return sqlite3_exec(db, sql, NULL, NULL, NULL);
}

int delete_order(MYSQL *conn, FILE *in)
{
    char order_id[32];
    char query[128];
    if (fgets(order_id, sizeof(order_id), in) == NULL) {
        return -1;
    }
    strcpy(query, "DELETE FROM orders WHERE id = ");
    // ruleid: c.lang.sql-injection-taint
    strcat(query, order_id);
    return mysql_query(conn, query);
}

int search_products(sqlite3 *db)
{
    const char *term = getenv("SEARCH_TERM");
    if (term == NULL) {
        return 0;
    }
    char *sql = sqlite3_mprintf("SELECT * FROM products WHERE title LIKE '%%%s%%'", term);
    // ruleid: c.lang.sql-injection-taint
    int rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
    sqlite3_free(sql);
    return rc;
}

int find_user_prepared(sqlite3 *db, int client)
{
    char name[64];
    sqlite3_stmt *stmt = NULL;
    ssize_t n = recv(client, name, sizeof(name) - 1, 0);
    if (n <= 0) {
        return -1;
    }
    name[n] = '\0';
    // ok: c.lang.sql-injection-taint
    if (sqlite3_prepare_v2(db, "SELECT id FROM users WHERE name = ?", -1, &stmt, NULL) != SQLITE_OK) {
        return -1;
    }
    sqlite3_bind_text(stmt, 1, name, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(stmt);
    sqlite3_finalize(stmt);
    return rc;
}

int search_products_quoted(sqlite3 *db)
{
    const char *term = getenv("SEARCH_TERM");
    if (term == NULL) {
        return 0;
    }
    char *sql = sqlite3_mprintf("SELECT * FROM products WHERE title LIKE '%%%q%%'", term);
    // ok: c.lang.sql-injection-taint
    int rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
    sqlite3_free(sql);
    return rc;
}

int delete_order_numeric(MYSQL *conn, FILE *in)
{
    char order_id[32];
    char query[128];
    if (fgets(order_id, sizeof(order_id), in) == NULL) {
        return -1;
    }
    long id = strtol(order_id, NULL, 10);
    // ok: c.lang.sql-injection-taint
    snprintf(query, sizeof(query), "DELETE FROM orders WHERE id = %ld", id);
    return mysql_query(conn, query);
}

int rename_customer(MYSQL *conn, int client)
{
    char name[64];
    char escaped[2 * sizeof(name) + 1];
    char query[256];
    ssize_t n = recv(client, name, sizeof(name) - 1, 0);
    if (n <= 0) {
        return -1;
    }
    name[n] = '\0';
    mysql_real_escape_string(conn, escaped, name, (unsigned long)strlen(name));
    // ok: c.lang.sql-injection-taint
    snprintf(query, sizeof(query), "UPDATE customers SET name = '%s' WHERE id = 1", escaped);
    return mysql_query(conn, query);
}
