// The Postgres of the property catalog for scripts: PG_URL, else wrangler's local Hyperdrive
// connection string (env CLOUDFLARE_HYPERDRIVE_LOCAL_CONNECTION_STRING_PG or wrangler.toml).
import { readFileSync } from "node:fs";
import postgres from "postgres";

export function pgUrl() {
  const fromEnv = process.env.PG_URL || process.env.CLOUDFLARE_HYPERDRIVE_LOCAL_CONNECTION_STRING_PG;
  if (fromEnv) return fromEnv;
  const match = readFileSync(new URL("../../wrangler.toml", import.meta.url), "utf8").match(/^localConnectionString\s*=\s*"([^"]+)"/m);
  if (!match) throw new Error("Set PG_URL (no localConnectionString in wrangler.toml).");
  return match[1];
}

/** Connects, creating the database first when the server is there but the database is not. */
export async function connectPg(url = pgUrl()) {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const admin = postgres({ ...options(target), database: "postgres" });
  try {
    const [exists] = await admin`SELECT 1 FROM pg_database WHERE datname = ${name}`;
    if (!exists) await admin.unsafe(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } finally {
    await admin.end();
  }
  return postgres(url, { max: 1, onnotice: () => {} });
}

const options = (url) => ({
  host: url.hostname,
  port: Number(url.port || 5432),
  username: decodeURIComponent(url.username),
  password: decodeURIComponent(url.password),
  max: 1,
  onnotice: () => {},
});
