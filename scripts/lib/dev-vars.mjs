// .dev.vars: the local secrets file wrangler dev reads (never committed).
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./toolchain.mjs";

const DEV_VARS = join(ROOT, ".dev.vars");
const EXAMPLE = join(ROOT, ".dev.vars.example");
// Random per machine. The webhook secrets let the simulators sign exactly as Meta and Twilio do.
const GENERATED = ["JWT_SECRET", "OPS_TOKEN", "WHATSAPP_APP_SECRET", "WHATSAPP_VERIFY_TOKEN", "TWILIO_AUTH_TOKEN"];

/** KEY=value pairs (dotenv syntax: comments, optional quotes). Empty when the file is missing. */
export function readDevVars(file = DEV_VARS) {
  if (!existsSync(file)) return {};
  const vars = {};
  for (const line of readFileSync(file, "utf8").split(/\r?\n/)) {
    const match = line.match(/^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/);
    if (match) vars[match[1]] = match[2].replace(/^(["'])(.*)\1$/, "$2");
  }
  return vars;
}

/**
 * Creates .dev.vars from .dev.vars.example with fresh random secrets and a VAPID key pair,
 * unless it exists (then only what is missing is added). Returns true when it created the
 * file. The secrets are written, never printed.
 */
export function ensureDevVars() {
  const created = !existsSync(DEV_VARS);
  if (created)
    writeFileSync(
      DEV_VARS,
      readFileSync(EXAMPLE, "utf8").replace(
        new RegExp(`^(${GENERATED.join("|")})=.*$`, "gm"),
        (_, key) => `${key}=${randomBytes(32).toString("base64url")}`,
      ),
      { mode: 0o600 },
    );
  else fillMissing(Object.fromEntries(GENERATED.map((key) => [key, () => randomBytes(32).toString("base64url")])));
  addVapidKeys();
  return created;
}

/** Keys absent or empty in .dev.vars get a value (an empty line is filled, a missing one appended). */
function fillMissing(makers) {
  const present = readDevVars();
  const missing = Object.keys(makers).filter((key) => !present[key]);
  if (!missing.length) return;
  let text = readFileSync(DEV_VARS, "utf8");
  for (const key of missing) {
    const line = `${key}=${makers[key]()}`;
    text = new RegExp(`^${key}=\\s*$`, "m").test(text)
      ? text.replace(new RegExp(`^${key}=\\s*$`, "m"), line)
      : `${text.replace(/\n?$/, "\n")}${line}\n`;
  }
  writeFileSync(DEV_VARS, text, { mode: 0o600 });
}

/** A Web Push (VAPID, RFC 8292) key pair: the 65-byte public point and the 32-byte private scalar, base64url. */
function addVapidKeys() {
  const present = readDevVars();
  if (present.VAPID_PUBLIC_KEY && present.VAPID_PRIVATE_KEY) return;
  const jwk = generateKeyPairSync("ec", { namedCurve: "prime256v1" }).privateKey.export({ format: "jwk" });
  const publicKey = Buffer.concat([Buffer.from([4]), Buffer.from(jwk.x, "base64url"), Buffer.from(jwk.y, "base64url")]).toString(
    "base64url",
  );
  // Both at once: a public key from one pair and a private key from another would sign nothing valid.
  let text = readFileSync(DEV_VARS, "utf8").replace(/^VAPID_(PUBLIC|PRIVATE)_KEY=.*\n?/gm, "");
  text = `${text.replace(/\n?$/, "\n")}VAPID_PUBLIC_KEY=${publicKey}\nVAPID_PRIVATE_KEY=${jwk.d}\n`;
  writeFileSync(DEV_VARS, text, { mode: 0o600 });
}
