const crypto = require("crypto");

// ruleid: javascript.lang.insecure-random-token
const resetToken = Math.random().toString(36).substring(2);

function generateSessionId() {
  // ruleid: javascript.lang.insecure-random-token
  return Date.now().toString(16) + Math.floor(Math.random() * 1e9).toString(16);
}

const makeCsrf = () => {
  // ruleid: javascript.lang.insecure-random-token
  const csrfToken = String(Math.random()).slice(2);
  return csrfToken;
};

function createUser(user) {
  // ruleid: javascript.lang.insecure-random-token
  user.apiKey = "key_" + Math.random().toString(36).slice(2, 12);
  return {
    ...user,
    // ruleid: javascript.lang.insecure-random-token
    tempPassword: Math.random().toString(36).slice(-10),
  };
}

// ruleid: javascript.lang.insecure-random-token
const salt = crypto.pseudoRandomBytes(16);

// ok: javascript.lang.insecure-random-token
const token = crypto.randomBytes(32).toString("hex");

// ok: javascript.lang.insecure-random-token
const sessionId = crypto.randomUUID();

// ok: javascript.lang.insecure-random-token
const jitterMs = Math.random() * 1000;

function pickColor(colors) {
  // ok: javascript.lang.insecure-random-token
  return colors[Math.floor(Math.random() * colors.length)];
}

// ok: javascript.lang.insecure-random-token
const otp = crypto.randomInt(0, 1000000).toString().padStart(6, "0");

function sendLoginCode(user) {
  // ruleid: javascript.lang.insecure-random-token
  const otpCode = Math.floor(100000 + Math.random() * 900000);
  return otpCode;
}

// ok: javascript.lang.insecure-random-token
const footprintOffset = Math.random() * 10;
