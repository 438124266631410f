const express = require("express");
const multer = require("multer");
const libxmljs = require("libxmljs");
const { parseXml } = require("libxmljs2");

const app = express();
const upload = multer({ storage: multer.memoryStorage() });
app.use(express.text({ type: "application/xml" }));

app.post("/import", (req, res) => {
  // ruleid: javascript.libxmljs.xxe-noent
  const doc = libxmljs.parseXmlString(req.body, { noent: true, noblanks: true });
  res.json({ root: doc.root().name() });
});

app.post("/upload", upload.single("feed"), function (req, res) {
  const xml = req.file.buffer.toString("utf8");
  // ruleid: javascript.libxmljs.xxe-noent
  const doc = parseXml(xml, { noent: true });
  res.json({ items: doc.find("//item").length });
});

app.post("/soap", (req, res) => {
  // ruleid: javascript.libxmljs.xxe-noent
  const envelope = libxmljs.parseXml(req.body.toString(), { dtdload: true, noent: true });
  res.type("xml").send(envelope.toString());
});

// ---- safe ----

app.post("/safe/import", (req, res) => {
  // ok: javascript.libxmljs.xxe-noent
  const doc = libxmljs.parseXmlString(req.body, { noblanks: true });
  res.json({ root: doc.root().name() });
});

app.post("/safe/upload", upload.single("feed"), (req, res) => {
  // ok: javascript.libxmljs.xxe-noent
  const doc = parseXml(req.file.buffer.toString("utf8"));
  res.json({ items: doc.find("//item").length });
});

app.post("/safe/soap", (req, res) => {
  // ok: javascript.libxmljs.xxe-noent
  const doc = libxmljs.parseXml(req.body, { noent: false });
  res.json({ ok: doc.validate(schema) });
});

function loadBundledCatalog(fs) {
  // ok: javascript.libxmljs.xxe-noent
  return libxmljs.parseXml(fs.readFileSync("./catalog.xml", "utf8"), { noent: true });
}
