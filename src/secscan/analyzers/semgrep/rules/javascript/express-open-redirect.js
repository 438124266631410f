const express = require("express");
const app = express();

const DESTINATIONS = { docs: "https://docs.example.com/", home: "/" };

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
