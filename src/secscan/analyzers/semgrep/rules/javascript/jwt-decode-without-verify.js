const express = require("express");
const jwt = require("jsonwebtoken");
const jose = require("jose");

const app = express();

function currentUser(req) {
  const token = req.cookies.session;
  // ruleid: javascript.jwt.decode-without-verify
  const claims = jwt.decode(token);
  return claims && claims.sub;
}

app.get("/admin", (req, res) => {
  // ruleid: javascript.jwt.decode-without-verify
  const payload = jwt.decode(req.headers.authorization.split(" ")[1]);
  if (payload.role !== "admin") {
    return res.sendStatus(403);
  }
  res.json({ secret: "..." });
});

const requireRole = (role) => (req, res, next) => {
  // ruleid: javascript.jwt.decode-without-verify
  const { roles } = jwt.decode(req.get("X-Token"), { json: true });
  return roles.includes(role) ? next() : res.sendStatus(403);
};

function tenantOf(req) {
  // ruleid: javascript.jwt.decode-without-verify
  return jose.decodeJwt(req.headers["x-id-token"]).tenant;
}

// ---- safe ----

async function tenantOfVerified(req, key) {
  const token = req.headers["x-id-token"];
  await jose.jwtVerify(token, key, { algorithms: ["ES256"] });
  // ok: javascript.jwt.decode-without-verify
  return jose.decodeJwt(token).tenant;
}


function verifiedUser(req) {
  const claims = jwt.verify(req.cookies.session, process.env.JWT_KEY, { algorithms: ["HS256"] });
  return claims.sub;
}

async function verifyWithKid(token, keyStore) {
  // ok: javascript.jwt.decode-without-verify
  const { header } = jwt.decode(token, { complete: true });
  const key = await keyStore.get(header.kid);
  return jwt.verify(token, key, { algorithms: ["RS256"] });
}

app.get("/me", (req, res) => {
  const token = req.cookies.session;
  const claims = jwt.verify(token, process.env.JWT_KEY, { algorithms: ["HS256"] });
  // ok: javascript.jwt.decode-without-verify
  const { exp } = jwt.decode(token);
  res.json({ sub: claims.sub, exp });
});

function parseLocally(buffer) {
  // ok: javascript.jwt.decode-without-verify
  return JSON.parse(buffer.toString("utf8"));
}
