const express = require("express");
const app = express();

app.get("/calc", (req, res) => {
  // ruleid: javascript.lang.eval-injection
  const result = eval(req.query.expr);

  // ruleid: javascript.lang.eval-injection
  const total = eval("1 + " + req.query.n);

  // ruleid: javascript.lang.eval-injection
  const fn = new Function("a", "b", req.body.formula);

  // ruleid: javascript.lang.eval-injection
  setTimeout("refresh('" + req.query.widget + "')", 1000);

  // ruleid: javascript.lang.eval-injection
  setInterval(`poll(${req.query.id})`, 5000);

  // ruleid: javascript.lang.eval-injection
  window.eval(`render(${req.query.tpl})`);

  res.json({ result, total, fn });
});

function safe(data) {
  // ok: javascript.lang.eval-injection
  const answer = eval("6 * 7");

  // ok: javascript.lang.eval-injection
  const add = new Function("a", "b", "return a + b");

  // ok: javascript.lang.eval-injection
  setTimeout(() => refresh(data.widget), 1000);

  // ok: javascript.lang.eval-injection
  setInterval(poll, 5000);

  // ok: javascript.lang.eval-injection
  const parsed = JSON.parse(data.body);

  // ok: javascript.lang.eval-injection
  const tpl = eval(`6 * 7`);
  return [answer, add, parsed, tpl];
}
