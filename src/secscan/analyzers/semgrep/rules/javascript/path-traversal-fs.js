const express = require("express");
const fs = require("fs");
const fsp = require("node:fs/promises");
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
