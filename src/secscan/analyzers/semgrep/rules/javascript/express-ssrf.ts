import express, { Request, Response, NextFunction } from "express";
import axios from "axios";
import http from "node:http";
import got from "got";

const app = express();
const ALLOWED_HOSTS = ["images.example.com", "cdn.example.com"];

interface WebhookTest {
  callbackUrl: string;
}

app.get("/proxy", async (req: Request, res: Response) => {
  // ruleid: javascript.express.ssrf
  const upstream = await axios.get(req.query.url as string);
  res.send(upstream.data);
});

app.post("/webhooks/test", async (req: Request, res: Response) => {
  const { callbackUrl } = req.body as WebhookTest;
  // ruleid: javascript.express.ssrf
  const r = await fetch(callbackUrl, { method: "POST", body: "{}" });
  res.status(r.status).end();
});

app.get("/preview", (req: Request, res: Response) => {
  // ruleid: javascript.express.ssrf
  http.get(`http://${req.query.host}/status`, (upstream) => upstream.pipe(res));
});

app.get("/avatar", async (req: Request, res: Response, next: NextFunction) => {
  try {
    // ruleid: javascript.express.ssrf
    const img = await got(req.get("X-Avatar-Url") as string).buffer();
    res.type("png").send(img);
  } catch (err) {
    next(err);
  }
});

app.post("/import", async (req: Request, res: Response) => {
  // ruleid: javascript.express.ssrf
  const feed = await axios({ method: "get", url: req.body.feedUrl, timeout: 5000 });
  res.json(feed.data);
});

// ---- safe ----

app.get("/safe/users/:id", async (req: Request, res: Response) => {
  // ok: javascript.express.ssrf
  const user = await axios.get(`https://api.example.com/users/${encodeURIComponent(req.params.id)}`);
  res.json(user.data);
});

app.get("/safe/repos/:name", async (req: Request, res: Response) => {
  // ok: javascript.express.ssrf
  const repo = await fetch("https://api.github.com/repos/" + req.params.name);
  res.json(await repo.json());
});

app.get("/safe/image", async (req: Request, res: Response) => {
  const target = new URL(req.query.src as string);
  if (!ALLOWED_HOSTS.includes(target.hostname)) {
    return res.status(400).send("host not allowed");
  }
  // ok: javascript.express.ssrf
  const img = await axios.get(target.toString(), { responseType: "arraybuffer" });
  res.type("png").send(img.data);
});

app.get("/safe/health", async (req: Request, res: Response) => {
  // ok: javascript.express.ssrf
  const r = await axios.get("http://localhost:8080/health", { params: { verbose: req.query.verbose } });
  res.json(r.data);
});

async function refreshFeed(feedUrl: string): Promise<unknown> {
  // ok: javascript.express.ssrf
  const r = await axios.get(feedUrl);
  return r.data;
}
