// Seeds one workspace (tenant, people, leads) into the local D1 through `wrangler d1 execute`.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { newId } from "../../workers/lib/ids.ts";
import { DEMO_PASSWORD, passwordHash } from "./accounts.mjs";
import { generateLeads } from "./lead-generator.mjs";
import { leadStatements, literal, workspaceStatements } from "./seed-sql.mjs";
import { bookingStatements } from "./booking-seeding.mjs";
import { ensureNetwork, networkPros, networkStatements } from "./network.mjs";
import { formatDuration } from "./toolchain.mjs";

const DAY = 86_400_000;
// Leads per `wrangler d1 execute`: each call pays a ~1.5 s start-up, and each file is one
// transaction, so a few large files are fastest.
const LEADS_PER_FILE = 10_000;

/** The workspace with this slug and its lead count, or undefined when it is not there. */
export async function findWorkspace(d1, slug) {
  const [row] = await d1.query(
    `SELECT id, (SELECT count(*) FROM leads WHERE tenant_id = tenants.id) AS leads FROM tenants WHERE slug = ${literal(slug)}`,
  );
  return row && { tenantId: row.id, leads: row.leads };
}

/**
 * Creates the workspace of `spec` (see accounts.mjs) with `leads` leads, unless one with its
 * slug exists: then nothing is written and the existing one is returned with created: false.
 */
export async function seedWorkspace(d1, spec, { leads = spec.leads, log = () => {} } = {}) {
  const existing = await findWorkspace(d1, spec.tenant.slug);
  if (existing) {
    await ensureNetwork(d1, spec.tenant.slug, existing.tenantId, log);
    return { ...existing, created: false };
  }

  log(`Seeding “${spec.tenant.name}” with ${leads.toLocaleString("en-US")} leads…`);
  const started = Date.now();
  const now = started;
  const createdAt = now - (spec.days + 1) * DAY; // the workspace predates its first lead
  const tenant = { ...spec.tenant, id: newId("ten", createdAt) };
  const users = spec.users.map((user) => ({ ...user, id: newId("usr", createdAt), passwordHash: passwordHash(DEMO_PASSWORD) }));
  const assignees = users.filter((u) => u.weight > 0);
  const stream = generateLeads({ tenantId: tenant.id, count: leads, days: spec.days, now, assignees, seed: spec.seed });

  const pros = networkPros(spec.tenant.slug, createdAt);
  const taken = new Map(); // each pro's booked hours, across batches

  const dir = await mkdtemp(join(tmpdir(), "homeline-seed-"));
  try {
    // The next file is generated while wrangler executes the previous one.
    let executing = Promise.resolve();
    let written = 0;
    for (let part = 0; part === 0 || written < leads; part++) {
      const batch = take(stream, LEADS_PER_FILE);
      const statements = [
        ...(part === 0
          ? [...workspaceStatements(tenant, users, createdAt), ...networkStatements(spec.tenant.slug, tenant, createdAt, pros)]
          : []),
        ...leadStatements(batch),
        // Every booked lead has its visit on the calendar.
        ...bookingStatements(tenant, pros, batch, now, taken),
      ];
      const file = join(dir, `part-${part}.sql`);
      await writeFile(file, statements.join("\n"));
      written += batch.length;
      const done = written;
      await executing;
      executing = d1.executeFile(file).then(() => {
        log(`  ${done.toLocaleString("en-US")} / ${leads.toLocaleString("en-US")} leads (${formatDuration(Date.now() - started)})`);
        return rm(file);
      });
      executing.catch(() => {}); // awaited on the next turn; this only stops an early "unhandled rejection"
    }
    await executing;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return { tenantId: tenant.id, leads, created: true, ms: Date.now() - started };
}

function take(iterator, count) {
  const items = [];
  for (let i = 0; i < count; i++) {
    const { value, done } = iterator.next();
    if (done) break;
    items.push(value);
  }
  return items;
}
