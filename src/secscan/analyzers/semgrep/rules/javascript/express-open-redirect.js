const express = require("express");
const app = express();

const DESTINATIONS = { docs: "https://docs.example.com/", home: "/" };
const ALLOWED_RETURN_URLS = new Set(["/", "/account", "https://shop.example.com/cart"]);

app.get("/login/callback", (req, res) => {
  // ruleid: javascript.express.open-redirect
  res.redirect(req.query.next);
});

app.get("/out", function (req, res) {
  const target = req.query.url;
  // ruleid: javascript.express.open-redirect
  res.redirect(302, target);
});

app.post("/go", (req, res) => {
  // ruleid: javascript.express.open-redirect
  res.redirect("//" + req.body.host + "/welcome");
});

app.get("/next", (req, res) => {
  // ruleid: javascript.express.open-redirect
  res.redirect(req.query["next"]);
});

app.get("/back", (req, res) => {
  // ruleid: javascript.express.open-redirect
  res.location(req.get("Referer")).sendStatus(302);
});

app.get("/safe/home", (req, res) => {
  // ok: javascript.express.open-redirect
  res.redirect("/dashboard");
});

app.get("/safe/profile/:id", (req, res) => {
  // ok: javascript.express.open-redirect
  res.redirect("/profile/" + req.params.id);
});

app.get("/safe/jump", (req, res) => {
  // ok: javascript.express.open-redirect
  res.redirect(DESTINATIONS.docs);
});

app.get("/safe/to", (req, res) => {
  // ok: javascript.express.open-redirect
  res.redirect(DESTINATIONS[req.query.to] || "/");
});

app.get("/safe/search", (req, res) => {
  // ok: javascript.express.open-redirect
  res.redirect(301, "/search?q=" + encodeURIComponent(req.query.q));
});

app.get("/sso", (req, res) => {
  // ruleid: javascript.express.open-redirect
  res.writeHead(302, { Location: req.query.return_to });
  res.end();
});

router.get("/koa/continue", async (ctx) => {
  // ruleid: javascript.express.open-redirect
  ctx.redirect(ctx.query.continue);
});

app.get("/safe/orders/:id", (req, res) => {
  // ok: javascript.express.open-redirect
  res.redirect(`/orders/${req.params.id}/summary`);
});

app.get("/safe/allowed", (req, res) => {
  const next = req.query.next;
  if (!ALLOWED_RETURN_URLS.has(next)) {
    return res.redirect("/");
  }
  // ok: javascript.express.open-redirect
  res.redirect(next);
});
