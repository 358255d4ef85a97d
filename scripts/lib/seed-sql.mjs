// Literal SQL for seeding. Values are written as literals (not bound parameters), so D1's
// 100-parameter limit does not apply; statements are kept under D1's 100 KB statement limit.
const MAX_STATEMENT_BYTES = 90_000;

export function literal(value) {
  if (value === null || value === undefined) return "NULL";
  if (typeof value === "boolean") return value ? "1" : "0";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error(`Cannot write ${value} to SQL.`);
    return String(value);
  }
  if (typeof value === "object") return literal(JSON.stringify(value));
  return `'${String(value).replace(/'/g, "''")}'`;
}

/** Multi-row INSERTs of `rows` (arrays of values in `columns` order), each under the size limit. */
export function insertStatements(table, columns, rows) {
  const head = `INSERT INTO ${table} (${columns.join(", ")}) VALUES\n`;
  const statements = [];
  let tuples = [];
  let size = head.length;
  for (const row of rows) {
    const tuple = `(${row.map(literal).join(", ")})`;
    if (tuples.length && size + tuple.length + 2 > MAX_STATEMENT_BYTES) {
      statements.push(`${head}${tuples.join(",\n")};`);
      tuples = [];
      size = head.length;
    }
    tuples.push(tuple);
    size += tuple.length + 2;
  }
  if (tuples.length) statements.push(`${head}${tuples.join(",\n")};`);
  return statements;
}

const LEAD_COLUMNS = [
  "id",
  "tenant_id",
  "name",
  "phone",
  "email",
  "address",
  "city",
  "postcode",
  "lat",
  "lng",
  "trade",
  "description",
  "source",
  "status",
  "score",
  "score_factors",
  "hot",
  "assignee_id",
  "tags",
  "notes",
  "created_at",
  "updated_at",
];

/** Rows for leads, lead_tags and lead_events (the FTS triggers index the leads). */
export function leadStatements(leads) {
  return [
    ...insertStatements(
      "leads",
      LEAD_COLUMNS,
      leads.map((l) => [
        l.id,
        l.tenantId,
        l.name,
        l.phone,
        l.email,
        l.address,
        l.city,
        l.postcode,
        l.lat,
        l.lng,
        l.trade,
        l.description,
        l.source,
        l.status,
        l.score,
        l.scoreFactors,
        l.hot,
        l.assigneeId,
        l.tags,
        l.notes,
        l.createdAt,
        l.updatedAt,
      ]),
    ),
    ...insertStatements(
      "lead_tags",
      ["tenant_id", "lead_id", "tag"],
      leads.flatMap((l) => l.tags.map((tag) => [l.tenantId, l.id, tag])),
    ),
    ...insertStatements(
      "lead_events",
      ["id", "tenant_id", "lead_id", "type", "actor_id", "actor_name", "data", "created_at"],
      leads.map((l) => [l.event.id, l.tenantId, l.id, l.event.type, l.event.actorId, l.event.actorName, l.event.data, l.event.createdAt]),
    ),
  ];
}

/** The tenant, its users (with password hashes) and their memberships. */
export function workspaceStatements(tenant, users, createdAt) {
  return [
    ...insertStatements(
      "tenants",
      ["id", "name", "slug", "time_zone", "country", "created_at"],
      [[tenant.id, tenant.name, tenant.slug, tenant.timeZone, tenant.country, createdAt]],
    ),
    ...insertStatements(
      "users",
      ["id", "email", "name", "password_hash", "is_superadmin", "created_at"],
      users.map((u) => [u.id, u.email, u.name, u.passwordHash, Boolean(u.superadmin), createdAt]),
    ),
    ...insertStatements(
      "memberships",
      ["tenant_id", "user_id", "role", "created_at"],
      users.map((u) => [tenant.id, u.id, u.role, createdAt]),
    ),
  ];
}
