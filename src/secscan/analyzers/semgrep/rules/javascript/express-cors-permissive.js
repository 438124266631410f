const express = require("express");
const cors = require("cors");
const { Server } = require("socket.io");

const app = express();
const ALLOWED_ORIGINS = ["https://app.example.com", "https://admin.example.com"];

// ruleid: javascript.express.cors-permissive
app.use(cors({ origin: true, credentials: true }));

// ruleid: javascript.express.cors-permissive
app.use("/api", cors({ credentials: true, origin: "*" }));

app.use(
  "/v2",
  // ruleid: javascript.express.cors-permissive
  cors({
    origin: (origin, callback) => callback(null, true),
    credentials: true,
  }),
);

// ruleid: javascript.express.cors-permissive
const io = new Server(httpServer, { cors: { origin: "*", credentials: true } });

app.use((req, res, next) => {
  // ruleid: javascript.express.cors-permissive
  res.setHeader("Access-Control-Allow-Origin", req.headers.origin);
  res.setHeader("Access-Control-Allow-Credentials", "true");
  next();
});

app.use("/legacy", function (req, res, next) {
  const origin = req.get("Origin");
  res.header("Access-Control-Allow-Credentials", true);
  // ruleid: javascript.express.cors-permissive
  res.header("Access-Control-Allow-Origin", origin);
  next();
});

// ---- safe ----

// ok: javascript.express.cors-permissive
app.use("/public", cors());

// ok: javascript.express.cors-permissive
app.use("/open", cors({ origin: "*" }));

// ok: javascript.express.cors-permissive
app.use("/app", cors({ origin: ALLOWED_ORIGINS, credentials: true }));

// ok: javascript.express.cors-permissive
app.use("/one", cors({ origin: "https://app.example.com", credentials: true }));

app.use("/checked", (req, res, next) => {
  const origin = req.headers.origin;
  if (ALLOWED_ORIGINS.includes(origin)) {
    // ok: javascript.express.cors-permissive
    res.setHeader("Access-Control-Allow-Origin", origin);
    res.setHeader("Access-Control-Allow-Credentials", "true");
  }
  next();
});

app.use("/anon", (req, res, next) => {
  // ok: javascript.express.cors-permissive
  res.setHeader("Access-Control-Allow-Origin", req.headers.origin);
  res.setHeader("Vary", "Origin");
  next();
});
