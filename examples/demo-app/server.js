// Express front end of the demo. INTENTIONALLY VULNERABLE - see README.md, never deploy.
const express = require("express");
const path = require("path");

const app = express();
const comments = [{ author: "alice", text: "First!" }];

app.use(express.json());
app.use(express.static(path.join(__dirname, "static")));

app.get("/api/calc", (req, res) => {
  // VULNERABLE (CWE-95): evaluates the expression from the query string
  const result = eval(req.query.expr);
  res.json({ result });
});

app.get("/api/comments", (req, res) => res.json(comments));

app.post("/api/comments", (req, res) => {
  comments.push({ author: String(req.body.author), text: String(req.body.text) });
  res.sendStatus(201);
});

app.get("/login/done", (req, res) => {
  // VULNERABLE (CWE-601): redirects to any URL given in ?next=
  res.redirect(req.query.next || "/");
});

app.listen(3000, "127.0.0.1", () => console.log("demo listening on http://127.0.0.1:3000"));
