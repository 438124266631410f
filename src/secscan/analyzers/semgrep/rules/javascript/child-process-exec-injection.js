const express = require("express");
const childProcess = require("child_process");
const { exec, execSync, execFile, spawn } = require("child_process");
const cp = require("node:child_process");
const shell = require("shelljs");

const app = express();

app.get("/ping", (req, res) => {
  // ruleid: javascript.node.child-process-exec-injection
  childProcess.exec("ping -c 1 " + req.query.host, (err, out) => res.send(out));
});

app.get("/ls", function (req, res) {
  // ruleid: javascript.node.child-process-exec-injection
  const listing = execSync(`ls -l ${req.query.dir}`);
  res.type("text/plain").send(listing);
});

app.post("/run", (req, res) => {
  // ruleid: javascript.node.child-process-exec-injection
  exec(req.body.command, (err, stdout) => res.send(stdout));
});

app.post("/convert/:file", async (req, res) => {
  const cmd = "convert " + req.params.file + " out.png";
  // ruleid: javascript.node.child-process-exec-injection
  cp.exec(cmd);
  res.sendStatus(202);
});

app.get("/log", (req, res) => {
  // ruleid: javascript.node.child-process-exec-injection
  require("child_process").execSync("git log " + req.get("X-Ref"));
  res.end();
});

app.get("/grep", (req, res) => {
  // ruleid: javascript.node.child-process-exec-injection
  const child = spawn("grep", [req.query.pattern, "/var/log/app.log"], { shell: true });
  child.stdout.pipe(res);
});

app.get("/archive", (req, res) => {
  // ruleid: javascript.node.child-process-exec-injection
  spawn("/bin/sh", ["-c", `tar czf /tmp/out.tgz ${req.query.path}`]).on("close", () => res.end());
});

app.get("/du", (req, res) => {
  // ruleid: javascript.node.child-process-exec-injection
  res.send(shell.exec("du -sh " + req.query.dir).stdout);
});

// ---- safe ----

app.get("/uptime", (req, res) => {
  // ok: javascript.node.child-process-exec-injection
  childProcess.exec("uptime", (err, out) => res.send(out));
});

app.get("/rev", (req, res) => {
  // ok: javascript.node.child-process-exec-injection
  res.send(execSync(`git rev-parse HEAD`));
});

app.get("/safe/ping", (req, res) => {
  // ok: javascript.node.child-process-exec-injection
  execFile("ping", ["-c", "1", req.query.host], (err, out) => res.send(out));
});

app.get("/safe/grep", (req, res) => {
  // ok: javascript.node.child-process-exec-injection
  const child = spawn("grep", ["--", req.query.pattern, "/var/log/app.log"]);
  child.stdout.pipe(res);
});

app.get("/safe/regex", (req, res) => {
  const re = /^[a-z]+$/;
  // ok: javascript.node.child-process-exec-injection
  res.json({ match: re.exec(req.query.input) });
});

app.get("/safe/head", (req, res) => {
  const lines = parseInt(req.query.lines, 10);
  // ok: javascript.node.child-process-exec-injection
  exec("head -n " + lines + " /var/log/app.log", (err, out) => res.send(out));
});

function rotateLogs(days) {
  // ok: javascript.node.child-process-exec-injection
  exec(`find /var/log/app -mtime +${days} -delete`);
}
