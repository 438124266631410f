const express = require("express");

const app = express();
app.use(express.json());

const settings = { ui: {}, mail: {} };
const SECTIONS = ["ui", "mail"];

app.post("/settings", (req, res) => {
  // ruleid: javascript.lang.prototype-pollution
  settings[req.body.section][req.body.key] = req.body.value;
  res.json(settings);
});

app.put("/users/:id/prefs", function (req, res) {
  const prefs = loadPrefs(req.params.id);
  const { group, name, value } = req.body;
  // ruleid: javascript.lang.prototype-pollution
  prefs[group][name] = value;
  res.json(prefs);
});

app.post("/bulk", (req, res) => {
  const store = {};
  for (const item of req.body.items) {
    store[item.ns] = store[item.ns] || {};
    // ruleid: javascript.lang.prototype-pollution
    store[item.ns][item.key] = item.value;
  }
  res.json(store);
});

app.get("/flags", (req, res) => {
  // ruleid: javascript.lang.prototype-pollution
  featureFlags[req.query.team][req.query.flag] = req.query.on === "1";
  res.sendStatus(204);
});

// ---- safe ----

app.post("/safe/settings", (req, res) => {
  const { section, key, value } = req.body;
  if (!SECTIONS.includes(section)) {
    return res.status(400).send("unknown section");
  }
  // ok: javascript.lang.prototype-pollution
  settings[section][key] = value;
  res.json(settings);
});

app.post("/safe/own", (req, res) => {
  const { section, key, value } = req.body;
  if (!Object.hasOwn(settings, section)) {
    return res.sendStatus(404);
  }
  // ok: javascript.lang.prototype-pollution
  settings[section][key] = value;
  res.json(settings);
});

app.post("/safe/labels", (req, res) => {
  // ok: javascript.lang.prototype-pollution
  settings[req.body.section].label = req.body.label;
  res.json(settings);
});

app.post("/safe/fixed", (req, res) => {
  // ok: javascript.lang.prototype-pollution
  settings.ui[req.body.key] = req.body.value;
  res.json(settings);
});

app.post("/safe/dict", (req, res) => {
  const bag = Object.create(null);
  bag[req.body.ns] = Object.create(null);
  // ok: javascript.lang.prototype-pollution
  bag[req.body.ns][req.body.key] = req.body.value;
  res.json(bag);
});

function setCell(grid, row, col, v) {
  // ok: javascript.lang.prototype-pollution
  grid[row][col] = v;
}
