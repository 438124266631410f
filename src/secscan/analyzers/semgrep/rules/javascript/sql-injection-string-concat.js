const mysql = require("mysql2");
const { Pool } = require("pg");

const db = mysql.createConnection({ host: "db", user: "app", database: "shop" });
const pool = new Pool();

async function vulnerable(req, res) {
  // ruleid: javascript.lang.sql-injection-string-concat
  db.query("SELECT * FROM users WHERE id = " + req.params.id, (err, rows) => res.json(rows));

  // ruleid: javascript.lang.sql-injection-string-concat
  const { rows } = await pool.query(`SELECT * FROM orders WHERE customer = '${req.query.name}'`);

  const sql = "DELETE FROM sessions WHERE token = '" + req.cookies.token + "'";
  // ruleid: javascript.lang.sql-injection-string-concat
  await pool.query(sql);

  // ruleid: javascript.lang.sql-injection-string-concat
  await db.promise().execute("UPDATE users SET name = '" + req.body.name + "' WHERE id = 1");

  // ruleid: javascript.lang.sql-injection-string-concat
  await knex.raw(`SELECT * FROM products ORDER BY ${req.query.sort}`);
  return rows;
}

async function safe(req, res) {
  // ok: javascript.lang.sql-injection-string-concat
  db.query("SELECT * FROM users WHERE id = ?", [req.params.id], (err, rows) => res.json(rows));

  // ok: javascript.lang.sql-injection-string-concat
  const { rows } = await pool.query("SELECT * FROM orders WHERE customer = $1", [req.query.name]);

  // ok: javascript.lang.sql-injection-string-concat
  await pool.query(`SELECT count(*) FROM orders`);

  // ok: javascript.lang.sql-injection-string-concat
  await pool.query("SELECT id, name " + "FROM products");

  const sql = "DELETE FROM sessions WHERE token = $1";
  // ok: javascript.lang.sql-injection-string-concat
  await pool.query(sql, [req.cookies.token]);

  // ok: javascript.lang.sql-injection-string-concat
  const hit = cache.get("user:" + req.params.id);
  return [rows, hit];
}
