const crypto = require("crypto");
const jwt = require("jsonwebtoken");
const { Pool } = require("pg");

// ruleid: javascript.lang.hardcoded-secret
const JWT_SECRET = "s3cr3t-signing-key";

// ruleid: javascript.lang.hardcoded-secret
let stripeApiKey = 'sk_live_51HxExampleExampleExample';

const pool = new Pool({
  host: "db.internal",
  user: "shop",
  // ruleid: javascript.lang.hardcoded-secret
  password: "Winter2024!",
});

const config = {
  // ruleid: javascript.lang.hardcoded-secret
  "client_secret": "0a1b2c3d4e5f",
};

// ruleid: javascript.lang.hardcoded-secret
config.githubToken = `ghp_exampleexampleexample`;

function sign(payload) {
  // ruleid: javascript.lang.hardcoded-secret
  const secretKey = "hardcoded";
  return jwt.sign(payload, secretKey);
}

function issueToken(user) {
  // ruleid: javascript.lang.hardcoded-secret
  return jwt.sign({ sub: user.id }, "change-me-in-prod", { expiresIn: "1h" });
}

function checkToken(token) {
  // ruleid: javascript.lang.hardcoded-secret
  return jwt.verify(token, "change-me-in-prod", { algorithms: ["HS256"] });
}

function signWebhook(body) {
  // ruleid: javascript.lang.hardcoded-secret
  return crypto.createHmac("sha256", "whsec_9f8e7d6c5b4a").update(body).digest("hex");
}

// ok: javascript.lang.hardcoded-secret
const JWT_SECRET_ENV = process.env.JWT_SECRET;

function issueTokenSafely(user) {
  // ok: javascript.lang.hardcoded-secret
  return jwt.sign({ sub: user.id }, process.env.JWT_SECRET, { expiresIn: "1h" });
}

function signWebhookSafely(body) {
  // ok: javascript.lang.hardcoded-secret
  return crypto.createHmac("sha256", process.env.WEBHOOK_SECRET).update(body).digest("hex");
}

// ok: javascript.lang.hardcoded-secret
const dbPassword = process.env.DB_PASSWORD || "";

const form = {
  // ok: javascript.lang.hardcoded-secret
  password: "",
  // ok: javascript.lang.hardcoded-secret
  passwordLabel: "Enter your password",
};

// ok: javascript.lang.hardcoded-secret
const masked = { password: "********" };

const example = {
  // ok: javascript.lang.hardcoded-secret
  apiKey: "<your-api-key>",
  // ok: javascript.lang.hardcoded-secret
  clientSecret: "${CLIENT_SECRET}",
  // ok: javascript.lang.hardcoded-secret
  secret: "...",
};

// ok: javascript.lang.hardcoded-secret
const PASSWORD_FIELD = "password";

// ok: javascript.lang.hardcoded-secret
const input = { type: "password", name: "password" };

// ok: javascript.lang.hardcoded-secret
const tokenHeader = "Authorization";
