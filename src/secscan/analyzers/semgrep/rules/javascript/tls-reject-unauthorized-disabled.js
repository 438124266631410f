const https = require("https");
const tls = require("tls");
const axios = require("axios");
const request = require("request");

// ruleid: javascript.node.tls-reject-unauthorized-disabled
const insecureAgent = new https.Agent({ rejectUnauthorized: false });

function connect(host) {
  // ruleid: javascript.node.tls-reject-unauthorized-disabled
  return tls.connect({ host, port: 443, rejectUnauthorized: false });
}

const client = axios.create({
  baseURL: "https://internal.example.com",
  // ruleid: javascript.node.tls-reject-unauthorized-disabled
  httpsAgent: new https.Agent({ keepAlive: true, rejectUnauthorized: false }),
});

const options = { hostname: "api.example.com" };
// ruleid: javascript.node.tls-reject-unauthorized-disabled
options.rejectUnauthorized = false;

// ruleid: javascript.node.tls-reject-unauthorized-disabled
process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0";

function legacyRequest(url) {
  // ruleid: javascript.node.tls-reject-unauthorized-disabled
  return request({ url, json: true, strictSSL: false });
}

// ruleid: javascript.node.tls-reject-unauthorized-disabled
const sloppy = tls.connect({
  host: "db.internal",
  port: 5433,
  checkServerIdentity: () => undefined,
});

// ok: javascript.node.tls-reject-unauthorized-disabled
const agent = new https.Agent({ rejectUnauthorized: true });

// ok: javascript.node.tls-reject-unauthorized-disabled
const checked = tls.connect({ host: "db.internal", port: 5433, ca: process.env.DB_CA_PEM, servername: "db.internal" });


// ok: javascript.node.tls-reject-unauthorized-disabled
const pinned = new https.Agent({ ca: process.env.INTERNAL_CA_PEM });

// ok: javascript.node.tls-reject-unauthorized-disabled
process.env.NODE_TLS_REJECT_UNAUTHORIZED = "1";
