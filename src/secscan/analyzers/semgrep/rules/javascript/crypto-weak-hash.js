const crypto = require("crypto");
const { createHash } = require("node:crypto");

function vulnerable(password, body) {
  // ruleid: javascript.node.crypto-weak-hash
  const digest = crypto.createHash("md5").update(password).digest("hex");

  // ruleid: javascript.node.crypto-weak-hash
  const etag = createHash("sha1").update(body).digest("base64");

  // ruleid: javascript.node.crypto-weak-hash
  const legacy = require("crypto").createHash("MD5").update(password).digest("hex");

  const ALGO = "sha1";
  // ruleid: javascript.node.crypto-weak-hash
  const sig = crypto.createHash(ALGO).update(body).digest("hex");
  return [digest, etag, legacy, sig];
}

function safe(password, body, salt) {
  // ok: javascript.node.crypto-weak-hash
  const digest = crypto.createHash("sha256").update(body).digest("hex");

  // ok: javascript.node.crypto-weak-hash
  const h = createHash("sha512").update(body).digest("base64");

  // ok: javascript.node.crypto-weak-hash
  const key = crypto.scryptSync(password, salt, 64);
  return [digest, h, key];
}
