const childProcess = require("child_process");
const { exec, execSync, execFile } = require("child_process");
const cp = require("node:child_process");

function vulnerable(req, res) {
  // ruleid: javascript.node.child-process-exec-injection
  childProcess.exec("ping -c 1 " + req.query.host, (err, out) => res.send(out));

  // ruleid: javascript.node.child-process-exec-injection
  const listing = execSync(`ls -l ${req.query.dir}`);

  // ruleid: javascript.node.child-process-exec-injection
  exec(req.body.command);

  const cmd = "convert " + req.params.file + " out.png";
  // ruleid: javascript.node.child-process-exec-injection
  cp.exec(cmd);

  // ruleid: javascript.node.child-process-exec-injection
  require("child_process").execSync("git log " + req.query.ref);
  return listing;
}

function safe(req, res) {
  // ok: javascript.node.child-process-exec-injection
  childProcess.exec("uptime", (err, out) => res.send(out));

  // ok: javascript.node.child-process-exec-injection
  execSync(`git rev-parse HEAD`);

  // ok: javascript.node.child-process-exec-injection
  execFile("ping", ["-c", "1", req.query.host], (err, out) => res.send(out));

  // ok: javascript.node.child-process-exec-injection
  const re = /abc/;
  re.exec(req.query.input);
}
