// .dev.vars: the local secrets file wrangler dev reads (never committed).
import { randomBytes } from "node:crypto";
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
 * Creates .dev.vars from .dev.vars.example with fresh random secrets, unless it exists.
 * Returns true when it created the file. The secrets are written, never printed.
 */
export function ensureDevVars() {
  if (existsSync(DEV_VARS)) {
    addMissingSecrets();
    return false;
  }
  const text = readFileSync(EXAMPLE, "utf8").replace(
    new RegExp(`^(${GENERATED.join("|")})=.*$`, "gm"),
    (_, key) => `${key}=${randomBytes(32).toString("base64url")}`,
  );
  writeFileSync(DEV_VARS, text, { mode: 0o600 });
  return true;
}

/** A .dev.vars from before a generated secret existed gets it appended (an empty one is filled). */
function addMissingSecrets() {
  const present = readDevVars();
  const missing = GENERATED.filter((key) => !present[key]);
  if (!missing.length) return;
  let text = readFileSync(DEV_VARS, "utf8");
  for (const key of missing) {
    const line = `${key}=${randomBytes(32).toString("base64url")}`;
    text = new RegExp(`^${key}=\\s*$`, "m").test(text)
      ? text.replace(new RegExp(`^${key}=\\s*$`, "m"), line)
      : `${text.replace(/\n?$/, "\n")}${line}\n`;
  }
  writeFileSync(DEV_VARS, text, { mode: 0o600 });
}
