// The seeded workspaces and their people. The demo password is printed by `npm start`: it
// guards demo data on a developer's machine only, so it is fixed rather than secret.
import { pbkdf2Sync, randomBytes } from "node:crypto";

// The hash records its own iteration count and the Worker verifies with that count, so this
// need not track workers/auth/password.ts; 100,000 is the most Workers' PBKDF2 accepts.
const PBKDF2_ITERATIONS = 100_000;

export const DEMO_PASSWORD = "homeline-demo-2026";

/**
 * The superadmin is also an admin of the demo workspace: login opens a session in one of the
 * user's workspaces, so a superadmin with no membership could not log in at all.
 */
export const DEMO = {
  tenant: { name: "Lone Star Roofing & Plumbing", slug: "lone-star-roofing-plumbing", timeZone: "America/Chicago", country: "US" },
  users: [
    { email: "demo@homeline.test", name: "Dana Whitaker", role: "owner", weight: 2 },
    { email: "admin@homeline.test", name: "Marcus Reyes", role: "admin", weight: 3 },
    { email: "agent@homeline.test", name: "Priya Natarajan", role: "agent", weight: 5 },
    { email: "superadmin@homeline.test", name: "Sam Okafor", role: "admin", superadmin: true, weight: 0 },
  ],
  leads: 400,
  days: 60,
  seed: 512,
};

/** A separate workspace for benchmarks, so 100,000 leads never crowd the demo. */
export const BENCH = {
  tenant: { name: "Bench Roofing Co", slug: "bench-roofing-co", timeZone: "America/Chicago", country: "US" },
  users: [
    { email: "bench@homeline.test", name: "Bench Owner", role: "owner", weight: 1 },
    { email: "bench-agent@homeline.test", name: "Bench Agent", role: "agent", weight: 3 },
  ],
  leads: 100_000,
  days: 365,
  seed: 737,
};

/**
 * The WhatsApp benchmarks' own workspace: their conversations create leads, which must not
 * change the 100,000 of BENCH. It has a WhatsApp number and pros (scripts/lib/network.mjs).
 */
export const BENCH_CONVERSATIONS = {
  tenant: { name: "Bench Conversations Co", slug: "bench-conversations-co", timeZone: "America/Chicago", country: "US" },
  users: [{ email: "bench-chat@homeline.test", name: "Bench Chat Owner", role: "owner", weight: 0 }],
  leads: 0,
  days: 1,
  seed: 91,
};

/** The exact format workers/auth/password.ts verifies: pbkdf2-sha256$<iterations>$<salt>$<hash>. */
export function passwordHash(password) {
  const salt = randomBytes(16);
  const hash = pbkdf2Sync(password, salt, PBKDF2_ITERATIONS, 32, "sha256");
  return `pbkdf2-sha256$${PBKDF2_ITERATIONS}$${salt.toString("base64url")}$${hash.toString("base64url")}`;
}
