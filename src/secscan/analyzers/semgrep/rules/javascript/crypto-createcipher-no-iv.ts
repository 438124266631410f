import * as crypto from "node:crypto";
import { createDecipher, createDecipheriv, scryptSync, randomBytes } from "crypto";

export function encryptNote(password: string, note: string): string {
  // ruleid: javascript.node.crypto-createcipher-no-iv
  const cipher = crypto.createCipher("aes-256-cbc", password);
  return cipher.update(note, "utf8", "hex") + cipher.final("hex");
}

export function decryptNote(password: string, hex: string): string {
  // ruleid: javascript.node.crypto-createcipher-no-iv
  const decipher = createDecipher("aes-256-cbc", password);
  return decipher.update(hex, "hex", "utf8") + decipher.final("utf8");
}

export class LegacyVault {
  constructor(private readonly secret: string) {}

  seal(data: Buffer): Buffer {
    // ruleid: javascript.node.crypto-createcipher-no-iv
    const c = require("crypto").createCipher("aes192", this.secret);
    return Buffer.concat([c.update(data), c.final()]);
  }
}

// ---- safe ----

export function encryptNoteSafely(password: string, note: string) {
  const salt = randomBytes(16);
  const key = scryptSync(password, salt, 32);
  const iv = randomBytes(12);
  // ok: javascript.node.crypto-createcipher-no-iv
  const cipher = crypto.createCipheriv("aes-256-gcm", key, iv);
  const data = Buffer.concat([cipher.update(note, "utf8"), cipher.final()]);
  return { salt, iv, data, tag: cipher.getAuthTag() };
}

export function decryptNoteSafely(key: Buffer, iv: Buffer, tag: Buffer, data: Buffer): string {
  // ok: javascript.node.crypto-createcipher-no-iv
  const decipher = createDecipheriv("aes-256-gcm", key, iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(data), decipher.final()]).toString("utf8");
}

const forge = { createCipher: (alg: string, key: string) => ({ alg, key }) };
// ok: javascript.node.crypto-createcipher-no-iv
const forgeCipher = forge.createCipher("AES-GCM", "k");
