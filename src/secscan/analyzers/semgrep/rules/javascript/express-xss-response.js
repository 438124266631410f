const express = require("express");
const escapeHtml = require("escape-html");

const app = express();

app.get("/hello", (req, res) => {
  // ruleid: javascript.express.xss-response
  res.send("<h1>Hello " + req.query.name + "</h1>");
});

app.get("/search", function (req, res) {
  const q = req.query.q;
  // ruleid: javascript.express.xss-response
  res.status(200).send(`<p>No results for <b>${q}</b></p>`);
});

app.get("/stream", (req, res) => {
  res.write("<html><body>");
  // ruleid: javascript.express.xss-response
  res.write(`<div class="banner">${req.get("User-Agent")}</div>`);
  res.end("</body></html>");
});

app.post("/comment", (req, res) => {
  const html = "<li>" + req.body.comment + "</li>";
  // ruleid: javascript.express.xss-response
  res.end(html);
});

app.get("/error", (req, res) => {
  // ruleid: javascript.express.xss-response
  res.status(404).send("Page " + req.params.page + " not found");
});

router.get("/koa/hello", async (ctx) => {
  // ruleid: javascript.express.xss-response
  ctx.body = `<h1>Hello ${ctx.query.name}</h1>`;
});

// ---- safe ----

app.get("/safe/hello", (req, res) => {
  // ok: javascript.express.xss-response
  res.send("<h1>Hello " + escapeHtml(req.query.name) + "</h1>");
});

app.get("/safe/profile", (req, res) => {
  // ok: javascript.express.xss-response
  res.render("profile", { name: req.query.name });
});

app.get("/safe/api", (req, res) => {
  // ok: javascript.express.xss-response
  res.json({ query: req.query.q });
});

app.get("/safe/text", (req, res) => {
  // ok: javascript.express.xss-response
  res.type("text/plain").send("You searched for " + req.query.q);
});

app.get("/safe/csv", (req, res) => {
  res.setHeader("Content-Type", "text/csv");
  // ok: javascript.express.xss-response
  res.send("id,name\n1," + req.query.name);
});

app.get("/safe/page", (req, res) => {
  const page = Number(req.query.page);
  // ok: javascript.express.xss-response
  res.send(`<p>Page ${page}</p>`);
});

app.get("/safe/static", (req, res) => {
  // ok: javascript.express.xss-response
  res.send("<h1>Welcome</h1>");
});

app.get("/html", (req, res) => {
  res.type("html");
  // ruleid: javascript.express.xss-response
  res.send("<title>" + req.query.title + "</title>");
});

app.get("/safe/plain", (req, res) => {
  res.set("Content-Type", "text/plain; charset=utf-8");
  // ok: javascript.express.xss-response
  res.send(req.query.msg);
});

function broadcast(req, socket) {
  // ok: javascript.express.xss-response
  socket.send(req.body.message);
}
