const express = require("express");
const contentDisposition = require("content-disposition");

const app = express();

app.get("/download", (req, res) => {
  // ruleid: javascript.express.header-injection
  res.setHeader("Content-Disposition", 'attachment; filename="' + req.query.name + '"');
  res.send(loadReport());
});

app.get("/lang", function (req, res) {
  // ruleid: javascript.express.header-injection
  res.set("Content-Language", req.query.lang);
  res.render("home");
});

app.get("/trace", (req, res) => {
  const traceId = req.get("X-Trace-Id");
  // ruleid: javascript.express.header-injection
  res.header("X-Trace-Id", traceId);
  res.json({ ok: true });
});

app.post("/prefs", (req, res) => {
  // ruleid: javascript.express.header-injection
  res.append("Set-Cookie", `theme=${req.body.theme}; Path=/`);
  res.sendStatus(204);
});

app.get("/legacy", (req, res) => {
  // ruleid: javascript.express.header-injection
  res.writeHead(200, { "Content-Type": "text/plain", "X-Request-Tag": req.query.tag });
  res.end("ok");
});

// ---- safe ----

app.get("/safe/download", (req, res) => {
  // ok: javascript.express.header-injection
  res.setHeader("Content-Disposition", contentDisposition(req.query.name));
  res.send(loadReport());
});

app.get("/safe/attachment", (req, res) => {
  // ok: javascript.express.header-injection
  res.attachment(req.query.name);
  res.send(loadReport());
});

app.get("/safe/trace", (req, res) => {
  const traceId = req.get("X-Trace-Id").replace(/[\r\n]/g, "");
  // ok: javascript.express.header-injection
  res.header("X-Trace-Id", traceId);
  res.json({ ok: true });
});

app.get("/safe/static", (req, res) => {
  // ok: javascript.express.header-injection
  res.setHeader("Cache-Control", "no-store");
  res.json({ user: req.query.user });
});

app.get("/safe/page", (req, res) => {
  // ok: javascript.express.header-injection
  res.set("X-Page", encodeURIComponent(req.query.page));
  res.json([]);
});
