const express = require("express");
const fs = require("fs");
const fsp = require("node:fs/promises");
const { readFileSync } = require("node:fs");
const path = require("path");

const app = express();
const UPLOADS = path.join(__dirname, "uploads");

app.get("/files/:name", (req, res) => {
  // ruleid: javascript.node.path-traversal-fs
  fs.readFile(path.join(UPLOADS, req.params.name), (err, data) => res.send(data));
});

app.get("/download", function (req, res) {
  const file = UPLOADS + "/" + req.query.file;
  // ruleid: javascript.node.path-traversal-fs
  fs.createReadStream(file).pipe(res);
});

app.post("/notes", async (req, res) => {
  // ruleid: javascript.node.path-traversal-fs
  await fsp.writeFile(`${UPLOADS}/${req.body.title}.txt`, req.body.text);
  res.sendStatus(201);
});

app.delete("/files/:name", (req, res) => {
  // ruleid: javascript.node.path-traversal-fs
  fs.unlinkSync(path.resolve(UPLOADS, req.params.name));
  res.sendStatus(204);
});

app.get("/avatar", (req, res) => {
  // ruleid: javascript.node.path-traversal-fs
  res.sendFile(path.join(UPLOADS, "avatars", req.query.user + ".png"));
});

app.get("/export/:name", (req, res) => {
  // ruleid: javascript.node.path-traversal-fs
  res.download(`${UPLOADS}/exports/${req.params.name}`, "export.csv");
});

app.get("/theme", (req, res) => {
  // ruleid: javascript.node.path-traversal-fs
  res.type("css").send(readFileSync(path.join(__dirname, "themes", req.cookies.theme), "utf8"));
});

// ---- safe ----

app.get("/safe/files/:name", (req, res) => {
  // ok: javascript.node.path-traversal-fs
  fs.readFile(path.join(UPLOADS, path.basename(req.params.name)), (err, data) => res.send(data));
});

app.get("/safe/readme", (req, res) => {
  // ok: javascript.node.path-traversal-fs
  res.send(fs.readFileSync(path.join(__dirname, "README.md"), "utf8"));
});

app.post("/safe/notes", async (req, res) => {
  // ok: javascript.node.path-traversal-fs
  await fsp.writeFile(path.join(UPLOADS, "latest.txt"), req.body.text);
  res.sendStatus(201);
});

app.get("/safe/docs/*", async (req, res) => {
  const full = path.resolve(UPLOADS, req.params[0]);
  if (!full.startsWith(UPLOADS + path.sep)) {
    return res.status(403).send("Forbidden");
  }
  // ok: javascript.node.path-traversal-fs
  const body = await fsp.readFile(full, "utf8");
  res.send(body);
});

app.get("/safe/avatar", (req, res) => {
  // ok: javascript.node.path-traversal-fs
  res.sendFile(req.query.user + ".png", { root: path.join(UPLOADS, "avatars") });
});

app.get("/safe/export/:name", (req, res) => {
  // ok: javascript.node.path-traversal-fs
  res.download(req.params.name, "export.csv", { root: UPLOADS });
});

function loadTemplate(name) {
  // ok: javascript.node.path-traversal-fs
  return fs.readFileSync(path.join(__dirname, "templates", name), "utf8");
}
