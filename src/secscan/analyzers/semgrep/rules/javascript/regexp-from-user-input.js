const express = require("express");
const escapeRegExp = require("lodash.escaperegexp");
const app = express();

const PRODUCTS = ["apple", "banana", "cherry"];

app.get("/search", (req, res) => {
  // ruleid: javascript.lang.regexp-from-user-input
  const re = new RegExp(req.query.q, "i");
  res.json(PRODUCTS.filter((p) => re.test(p)));
});

app.post("/validate", function (req, res) {
  const rule = req.body.pattern;
  // ruleid: javascript.lang.regexp-from-user-input
  const ok = RegExp("^" + rule + "$").test(req.body.value);
  res.json({ ok });
});

function highlight() {
  const term = new URLSearchParams(window.location.search).get("term");
  // ruleid: javascript.lang.regexp-from-user-input
  const matcher = new RegExp(`(${term})`, "gi");
  return matcher;
}

app.get("/safe/search", (req, res) => {
  // ok: javascript.lang.regexp-from-user-input
  const re = new RegExp(escapeRegExp(req.query.q), "i");
  res.json(PRODUCTS.filter((p) => re.test(p)));
});

app.get("/safe/includes", (req, res) => {
  // ok: javascript.lang.regexp-from-user-input
  const re = new RegExp("^[a-z0-9_-]{3,32}$");
  res.json({ valid: re.test(req.query.user), hit: PRODUCTS.filter((p) => p.includes(req.query.q)) });
});

app.get("/safe/escaped", (req, res) => {
  const literal = req.query.q.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  // ok: javascript.lang.regexp-from-user-input
  const re = new RegExp(literal, "i");
  res.json(PRODUCTS.filter((p) => re.test(p)));
});

router.get("/koa/filter", async (ctx) => {
  // ruleid: javascript.lang.regexp-from-user-input
  const re = new RegExp(ctx.query.filter);
  ctx.body = PRODUCTS.filter((p) => re.test(p));
});

app.get("/safe/number", (req, res) => {
  const digits = parseInt(req.query.len, 10);
  // ok: javascript.lang.regexp-from-user-input
  const re = new RegExp(`^\\d{${digits}}$`);
  res.json({ valid: re.test(req.query.code) });
});
