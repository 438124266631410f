import express, { Request, Response } from "express";
import mysql from "mysql2/promise";
import { Pool } from "pg";
import { Sequelize, QueryTypes } from "sequelize";
import knexFactory from "knex";
import { PrismaClient } from "@prisma/client";

const app = express();
const pool = new Pool();
const sequelize = new Sequelize(process.env.DATABASE_URL as string);
const knex = knexFactory({ client: "pg" });
const prisma = new PrismaClient();

interface Order {
  id: number;
  customer: string;
}

app.get("/users/:id", async (req: Request, res: Response) => {
  const db = await mysql.createConnection({ host: "db", user: "app", database: "shop" });
  // ruleid: javascript.lang.sql-injection-string-concat
  const [rows] = await db.query("SELECT * FROM users WHERE id = " + req.params.id);
  res.json(rows);
});

app.get("/orders", async (req: Request, res: Response) => {
  const name = req.query.name as string;
  // ruleid: javascript.lang.sql-injection-string-concat
  const { rows } = await pool.query(`SELECT * FROM orders WHERE customer = '${name}'`);
  res.json(rows as Order[]);
});

app.post("/logout", async (req: Request, res: Response) => {
  const sql = "DELETE FROM sessions WHERE token = '" + req.cookies.token + "'";
  // ruleid: javascript.lang.sql-injection-string-concat
  await pool.query(sql);
  res.sendStatus(204);
});

app.get("/search", async (req: Request, res: Response) => {
  // ruleid: javascript.lang.sql-injection-string-concat
  const hits = await sequelize.query(`SELECT * FROM products WHERE title LIKE '%${req.query.q}%'`, {
    type: QueryTypes.SELECT,
  });
  res.json(hits);
});

app.get("/products", async (req: Request, res: Response) => {
  // ruleid: javascript.lang.sql-injection-string-concat
  const list = await knex("products").select("*").orderByRaw(`${req.query.sort} DESC`);
  res.json(list);
});

app.get("/report", async (req: Request, res: Response) => {
  // ruleid: javascript.lang.sql-injection-string-concat
  const data = await prisma.$queryRawUnsafe(`SELECT * FROM report WHERE month = ${req.query.month}`);
  res.json(data);
});

app.put("/profile", async (req: Request, res: Response) => {
  // ruleid: javascript.lang.sql-injection-string-concat
  await pool.query({ text: "UPDATE users SET bio = '" + req.body.bio + "' WHERE id = 1" });
  res.sendStatus(204);
});

// ---- safe ----

app.get("/safe/users/:id", async (req: Request, res: Response) => {
  const db = await mysql.createConnection({ host: "db" });
  // ok: javascript.lang.sql-injection-string-concat
  const [rows] = await db.execute("SELECT * FROM users WHERE id = ?", [req.params.id]);
  res.json(rows);
});

app.get("/safe/orders", async (req: Request, res: Response) => {
  // ok: javascript.lang.sql-injection-string-concat
  const { rows } = await pool.query("SELECT * FROM orders WHERE customer = $1", [req.query.name]);
  res.json(rows);
});

app.put("/safe/profile", async (req: Request, res: Response) => {
  // ok: javascript.lang.sql-injection-string-concat
  await pool.query({ text: "UPDATE users SET bio = $1 WHERE id = $2", values: [req.body.bio, 1] });
  res.sendStatus(204);
});

app.get("/safe/search", async (req: Request, res: Response) => {
  // ok: javascript.lang.sql-injection-string-concat
  const hits = await sequelize.query("SELECT * FROM products WHERE title LIKE :q", {
    replacements: { q: `%${req.query.q}%` },
    type: QueryTypes.SELECT,
  });
  res.json(hits);
});

app.get("/safe/page", async (req: Request, res: Response) => {
  const limit = parseInt(req.query.limit as string, 10);
  // ok: javascript.lang.sql-injection-string-concat
  const { rows } = await pool.query(`SELECT * FROM products LIMIT ${limit}`);
  res.json(rows);
});

app.get("/safe/escaped", async (req: Request, res: Response) => {
  const db = await mysql.createConnection({ host: "db" });
  // ok: javascript.lang.sql-injection-string-concat
  const [rows] = await db.query("SELECT * FROM users WHERE name = " + db.escape(req.query.name));
  res.json(rows);
});

app.get("/safe/knex", async (req: Request, res: Response) => {
  // ok: javascript.lang.sql-injection-string-concat
  const list = await knex.raw("SELECT * FROM products WHERE category = ?", [req.query.category]);
  res.json(list);
});

app.get("/safe/prisma", async (req: Request, res: Response) => {
  // ok: javascript.lang.sql-injection-string-concat
  const data = await prisma.$queryRaw`SELECT * FROM report WHERE month = ${req.query.month}`;
  res.json(data);
});

app.get("/safe/cache/:id", async (req: Request, res: Response) => {
  // ok: javascript.lang.sql-injection-string-concat
  const hit = cache.get("user:" + req.params.id);
  res.json(hit);
});

async function countRows(table: string): Promise<number> {
  // ok: javascript.lang.sql-injection-string-concat
  const { rows } = await pool.query(`SELECT count(*) FROM ${table}`);
  return rows[0].count;
}
