import jwt from "jsonwebtoken";
import { expressjwt } from "express-jwt";
import * as jose from "jose";
import type { Request, Response, NextFunction } from "express";

interface Claims {
  sub: string;
  role: "user" | "admin";
}

export function authenticate(req: Request, res: Response, next: NextFunction): void {
  const token = (req.headers.authorization ?? "").replace(/^Bearer /, "");
  // ruleid: javascript.jwt.none-algorithm
  const claims = jwt.verify(token, process.env.JWT_KEY as string, { algorithms: ["HS256", "none"] }) as Claims;
  res.locals.user = claims;
  next();
}

export function issueDebugToken(claims: Claims): string {
  // ruleid: javascript.jwt.none-algorithm
  return jwt.sign(claims, "", { algorithm: "none" });
}

// ruleid: javascript.jwt.none-algorithm
export const requireAuth = expressjwt({ secret: process.env.JWT_KEY as string, algorithms: ["none"] });

export function readUnsigned(token: string) {
  // ruleid: javascript.jwt.none-algorithm
  return jose.UnsecuredJWT.decode(token).payload;
}

// ---- safe ----

export function authenticateSafely(req: Request, res: Response, next: NextFunction): void {
  const token = (req.headers.authorization ?? "").replace(/^Bearer /, "");
  // ok: javascript.jwt.none-algorithm
  res.locals.user = jwt.verify(token, process.env.JWT_PUBLIC_KEY as string, { algorithms: ["RS256"] }) as Claims;
  next();
}

export function issueToken(claims: Claims): string {
  // ok: javascript.jwt.none-algorithm
  return jwt.sign(claims, process.env.JWT_PRIVATE_KEY as string, { algorithm: "RS256", expiresIn: "15m" });
}

// ok: javascript.jwt.none-algorithm
export const requireAuthSafely = expressjwt({ secret: process.env.JWT_KEY as string, algorithms: ["HS256"] });

export async function verifyWithJose(token: string, key: Uint8Array) {
  // ok: javascript.jwt.none-algorithm
  const { payload } = await jose.jwtVerify(token, key, { algorithms: ["HS256"] });
  return payload;
}
