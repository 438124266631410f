const https = require("https");
const tls = require("tls");
const axios = require("axios");

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

// ok: javascript.node.tls-reject-unauthorized-disabled
const agent = new https.Agent({ rejectUnauthorized: true });

// ok: javascript.node.tls-reject-unauthorized-disabled
const pinned = new https.Agent({ ca: process.env.INTERNAL_CA_PEM });

// ok: javascript.node.tls-reject-unauthorized-disabled
process.env.NODE_TLS_REJECT_UNAUTHORIZED = "1";
