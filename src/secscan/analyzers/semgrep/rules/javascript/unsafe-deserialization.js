const express = require("express");
const cookieParser = require("cookie-parser");
const serialize = require("node-serialize");
const yaml = require("js-yaml");
const funcster = require("funcster");

const app = express();
app.use(cookieParser());

app.get("/profile", (req, res) => {
  const raw = Buffer.from(req.cookies.profile, "base64").toString();
  // ruleid: javascript.node.unsafe-deserialization
  const profile = serialize.unserialize(raw);
  res.send("Hello " + escape(profile.username));
});

app.post("/state", function (req, res) {
  // ruleid: javascript.node.unsafe-deserialization
  const state = serialize.unserialize(req.body.state);
  res.json({ keys: Object.keys(state) });
});

app.post("/config", (req, res) => {
  // ruleid: javascript.node.unsafe-deserialization
  const cfg = yaml.load(req.body, { schema: yaml.DEFAULT_FULL_SCHEMA });
  res.json(cfg);
});

app.post("/jobs", (req, res) => {
  // ruleid: javascript.node.unsafe-deserialization
  const job = funcster.deepDeserialize(JSON.parse(req.body.job));
  res.json({ queued: Boolean(job) });
});

// ---- safe ----

app.get("/safe/profile", (req, res) => {
  const raw = Buffer.from(req.cookies.profile, "base64").toString();
  // ok: javascript.node.unsafe-deserialization
  const profile = JSON.parse(raw);
  res.json({ name: profile.username });
});

app.post("/safe/config", (req, res) => {
  // ok: javascript.node.unsafe-deserialization
  const cfg = yaml.load(req.body);
  res.json(cfg);
});

app.get("/safe/export", (req, res) => {
  // ok: javascript.node.unsafe-deserialization
  res.send(serialize.serialize({ user: req.query.user }));
});

function restoreFromDisk(fs) {
  // ok: javascript.node.unsafe-deserialization
  return serialize.unserialize(fs.readFileSync("/var/lib/app/state.dat", "utf8"));
}
