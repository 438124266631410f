import express, { Request, Response } from "express";
import session from "express-session";
import cookieSession from "cookie-session";

const app = express();

app.use(
  session({
    secret: process.env.SESSION_SECRET as string,
    resave: false,
    saveUninitialized: false,
    // ruleid: javascript.express.insecure-cookie
    cookie: { secure: false, maxAge: 3600_000 },
  }),
);

// ruleid: javascript.express.insecure-cookie
app.use(cookieSession({ name: "sess", keys: [process.env.COOKIE_KEY as string], httpOnly: false }));

app.post("/login", (req: Request, res: Response) => {
  const token: string = issueToken(req.body.username);
  // ruleid: javascript.express.insecure-cookie
  res.cookie("auth", token, { httpOnly: false, sameSite: "lax" });
  res.redirect("/");
});

app.post("/remember", (req: Request, res: Response) => {
  // ruleid: javascript.express.insecure-cookie
  res.cookie("remember_me", issueToken(req.body.username), { httpOnly: true, secure: false, maxAge: 30 * 86400_000 });
  res.sendStatus(204);
});

// ---- safe ----

app.use(
  session({
    secret: process.env.SESSION_SECRET as string,
    resave: false,
    saveUninitialized: false,
    // ok: javascript.express.insecure-cookie
    cookie: { secure: true, httpOnly: true, sameSite: "strict" },
  }),
);

app.use(
  session({
    secret: process.env.SESSION_SECRET as string,
    // ok: javascript.express.insecure-cookie
    cookie: { secure: process.env.NODE_ENV === "production", httpOnly: true },
  }),
);

app.post("/safe/login", (req: Request, res: Response) => {
  // ok: javascript.express.insecure-cookie
  res.cookie("auth", issueToken(req.body.username), { httpOnly: true, secure: true, sameSite: "lax" });
  res.redirect("/");
});

app.get("/safe/csrf", (req: Request, res: Response) => {
  // ok: javascript.express.insecure-cookie
  res.cookie("XSRF-TOKEN", req.csrfToken(), { httpOnly: false, secure: true, sameSite: "strict" });
  res.json({ ok: true });
});

app.get("/safe/theme", (req: Request, res: Response) => {
  // ok: javascript.express.insecure-cookie
  res.cookie("theme", "dark", { maxAge: 86400_000 });
  res.json({ ok: true });
});

function issueToken(username: string): string {
  return Buffer.from(username).toString("base64url");
}
