const crypto = require("crypto");
const { createDecipheriv } = require("node:crypto");
const CryptoJS = require("crypto-js");

function legacyEncrypt(key, data) {
  // ruleid: javascript.node.crypto-weak-cipher
  const cipher = crypto.createCipheriv("des-cbc", key.subarray(0, 8), crypto.randomBytes(8));
  return Buffer.concat([cipher.update(data), cipher.final()]);
}

function tokenEncrypt(key, data) {
  // ruleid: javascript.node.crypto-weak-cipher
  const cipher = crypto.createCipheriv("aes-256-ecb", key, null);
  return cipher.update(data, "utf8", "hex") + cipher.final("hex");
}

function decryptLegacy(key, iv, payload) {
  // ruleid: javascript.node.crypto-weak-cipher
  const d = createDecipheriv("des-ede3-cbc", key, iv);
  return Buffer.concat([d.update(payload), d.final()]);
}

const ALGORITHM = "rc4";
function streamEncrypt(key, data) {
  // ruleid: javascript.node.crypto-weak-cipher
  return crypto.createCipheriv(ALGORITHM, key, "").update(data);
}

function browserEncrypt(text, passphrase) {
  // ruleid: javascript.node.crypto-weak-cipher
  return CryptoJS.TripleDES.encrypt(text, passphrase).toString();
}

function ecbEncrypt(text, key) {
  // ruleid: javascript.node.crypto-weak-cipher
  return CryptoJS.AES.encrypt(text, key, { mode: CryptoJS.mode.ECB }).toString();
}

// ---- safe ----

function modernEncrypt(key, data) {
  const iv = crypto.randomBytes(12);
  // ok: javascript.node.crypto-weak-cipher
  const cipher = crypto.createCipheriv("aes-256-gcm", key, iv);
  const enc = Buffer.concat([cipher.update(data), cipher.final()]);
  return { iv, enc, tag: cipher.getAuthTag() };
}

function modernDecrypt(key, iv, tag, enc) {
  // ok: javascript.node.crypto-weak-cipher
  const d = createDecipheriv("chacha20-poly1305", key, iv, { authTagLength: 16 });
  d.setAuthTag(tag);
  return Buffer.concat([d.update(enc), d.final()]);
}

function browserModern(text, key) {
  // ok: javascript.node.crypto-weak-cipher
  return CryptoJS.AES.encrypt(text, key, { mode: CryptoJS.mode.CBC }).toString();
}

// ok: javascript.node.crypto-weak-cipher
const describe = "des-cbc is deprecated";
