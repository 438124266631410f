const express = require("express");
const vm = require("node:vm");

const app = express();

app.get("/calc", (req, res) => {
  // ruleid: javascript.lang.eval-injection
  const result = eval(req.query.expr);
  res.json({ result });
});

app.get("/sum", function (req, res) {
  // ruleid: javascript.lang.eval-injection
  const total = eval("1 + " + req.query.n);
  res.json({ total });
});

app.post("/formula", (req, res) => {
  // ruleid: javascript.lang.eval-injection
  const fn = new Function("a", "b", req.body.formula);
  res.json({ value: fn(1, 2) });
});

app.get("/widget", (req, res) => {
  // ruleid: javascript.lang.eval-injection
  setTimeout("refresh('" + req.query.widget + "')", 1000);
  res.end();
});

app.post("/sandbox", (req, res) => {
  // ruleid: javascript.lang.eval-injection
  const out = vm.runInNewContext(req.body.script, { console });
  res.json({ out });
});

app.post("/template", async (req, res) => {
  const source = `module.exports = ${req.body.tpl}`;
  // ruleid: javascript.lang.eval-injection
  const script = new vm.Script(source);
  res.json(script.runInThisContext());
});

function renderFromHash() {
  const code = decodeURIComponent(window.location.hash.substring(1));
  // ruleid: javascript.lang.eval-injection
  window.eval(`render(${code})`);
}

// ---- safe ----

app.get("/safe/calc", (req, res) => {
  // ok: javascript.lang.eval-injection
  const answer = eval("6 * 7");
  res.json({ answer, q: req.query.expr });
});

app.get("/safe/add", (req, res) => {
  // ok: javascript.lang.eval-injection
  const add = new Function("a", "b", "return a + b");
  res.json({ value: add(Number(req.query.a), Number(req.query.b)) });
});

app.get("/safe/widget", (req, res) => {
  // ok: javascript.lang.eval-injection
  setTimeout(() => refresh(req.query.widget), 1000);
  res.end();
});

app.get("/safe/poll", (req, res) => {
  // ok: javascript.lang.eval-injection
  setInterval(function () { poll(req.query.id); }, 5000);
  res.end();
});

app.post("/safe/parse", (req, res) => {
  // ok: javascript.lang.eval-injection
  const parsed = JSON.parse(req.body.payload);
  res.json(parsed);
});

app.get("/safe/delay", (req, res) => {
  const n = parseInt(req.query.n, 10);
  // ok: javascript.lang.eval-injection
  const doubled = eval(`${n} * 2`);
  res.json({ doubled });
});

function runPlugin(pluginSource) {
  // ok: javascript.lang.eval-injection
  return vm.runInNewContext(pluginSource, {});
}
