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

// ok: javascript.lang.hardcoded-secret
const JWT_SECRET_ENV = process.env.JWT_SECRET;

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

// ok: javascript.lang.hardcoded-secret
const PASSWORD_FIELD = "password";

// ok: javascript.lang.hardcoded-secret
const input = { type: "password", name: "password" };

// ok: javascript.lang.hardcoded-secret
const tokenHeader = "Authorization";
