import sqlite3


def vulnerable(conn, username, user_id, order, email):
    cur = conn.cursor()

    # ruleid: python.lang.sql-injection-string-formatting
    cur.execute("SELECT * FROM users WHERE name = '%s'" % username)

    # ruleid: python.lang.sql-injection-string-formatting
    cur.execute(f"SELECT * FROM users WHERE id = {user_id}")

    # ruleid: python.lang.sql-injection-string-formatting
    cur.execute("DELETE FROM users WHERE id = {}".format(user_id))

    # ruleid: python.lang.sql-injection-string-formatting
    cur.execute("SELECT id, name FROM users ORDER BY " + order)

    query = "UPDATE users SET email = '" + email + "' WHERE id = " + str(user_id)
    # ruleid: python.lang.sql-injection-string-formatting
    cur.execute(query)

    # ruleid: python.lang.sql-injection-string-formatting
    conn.execute("INSERT INTO audit (who) VALUES ('%s')" % username)


def safe(conn, username, user_id):
    cur = conn.cursor()

    # ok: python.lang.sql-injection-string-formatting
    cur.execute("SELECT * FROM users WHERE name = %s", (username,))

    # ok: python.lang.sql-injection-string-formatting
    cur.execute("SELECT * FROM users WHERE id = ?", [user_id])

    # ok: python.lang.sql-injection-string-formatting
    cur.execute("SELECT count(*) FROM users")

    # ok: python.lang.sql-injection-string-formatting
    cur.execute("SELECT id, name " + "FROM users")

    query = "SELECT * FROM users WHERE name = :name"
    # ok: python.lang.sql-injection-string-formatting
    cur.execute(query, {"name": username})

    # ok: python.lang.sql-injection-string-formatting
    cur.executemany("INSERT INTO users (name) VALUES (?)", [(username,)])


def backend_helpers(connection, table, key):
    cur = connection.cursor()
    # ok: python.lang.sql-injection-string-formatting
    cur.execute("SELECT value FROM %s WHERE cache_key = %%s" % table, [key])
    # ok: python.lang.sql-injection-string-formatting
    cur.execute("DESCRIBE %s" % connection.ops.quote_name(table))
    # ruleid: python.lang.sql-injection-string-formatting
    cur.execute("SELECT value FROM cache WHERE cache_key = '%s'" % key)
