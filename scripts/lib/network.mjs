// The demo network of a seeded workspace: its WhatsApp and SMS numbers and its pros (trades,
// areas, weekly hours in their own zone), so the simulators and the inbox work out of the box.
import { newId } from "../../workers/lib/ids.ts";
import { insertStatements, literal } from "./seed-sql.mjs";

const AUSTIN = { lat: 30.2672, lng: -97.7431 };
const week = (days, start, end) => days.map((weekday) => [weekday, start * 60, end * 60]);
const MON_FRI = [0, 1, 2, 3, 4];

/** Numbers and pros per seeded workspace (accounts.mjs names the workspace; this names its network). */
export const NETWORKS = {
  "lone-star-roofing-plumbing": {
    whatsapp: { phoneNumberId: "100000000000001", displayNumber: "+1 512 555 0199" },
    sms: { number: "+15125550198" },
    pros: [
      {
        name: "Marco Alvarez",
        phone: "+15125550121",
        trades: ["plumbing"],
        postcodes: ["787"],
        hours: [...week(MON_FRI, 8, 18), ...week([5], 9, 13)],
      },
      {
        name: "Jess Thornton",
        phone: "+15125550122",
        trades: ["roofing"],
        cities: ["austin", "round rock", "pflugerville"],
        radiusKm: 40,
        hours: week([0, 1, 2, 3, 4, 5], 7, 17),
      },
      { name: "Dwayne Carter", phone: "+15125550123", trades: ["hvac", "electrical"], postcodes: ["787"], hours: week(MON_FRI, 9, 17) },
      {
        name: "Lena Park",
        phone: "+15125550124",
        trades: ["plumbing", "handyman", "painting", "carpentry"],
        postcodes: ["78701", "78702", "78703", "78704", "78705", "78741", "78745"],
        hours: week([0, 1, 2, 3, 4, 5, 6], 7, 21),
      },
    ],
  },
  "bench-conversations-co": {
    whatsapp: { phoneNumberId: "100000000000002", displayNumber: "+1 512 555 0197" },
    sms: { number: "+15125550196" },
    pros: [
      { name: "Bench Plumber", phone: "+15125550131", trades: ["plumbing"], postcodes: ["787"], hours: week([0, 1, 2, 3, 4, 5, 6], 0, 24) },
      { name: "Bench Roofer", phone: "+15125550132", trades: ["roofing"], cities: ["austin"], hours: week([0, 1, 2, 3, 4, 5, 6], 0, 24) },
    ],
  },
};

/** The pros of the workspace `slug`, with their ids (none when it has no network). */
export function networkPros(slug, createdAt) {
  return (NETWORKS[slug]?.pros ?? []).map((pro) => ({ ...pro, id: newId("pro", createdAt) }));
}

/** INSERTs for the network of the workspace `slug` (nothing when it has none). */
export function networkStatements(slug, tenant, createdAt, pros = networkPros(slug, createdAt)) {
  const network = NETWORKS[slug];
  if (!network) return [];
  const channels = [
    [
      newId("chn", createdAt),
      tenant.id,
      "whatsapp",
      network.whatsapp.phoneNumberId,
      network.whatsapp.displayNumber,
      "WhatsApp",
      createdAt,
      createdAt,
    ],
    [newId("chn", createdAt), tenant.id, "sms", network.sms.number, network.sms.number, "SMS (Twilio)", createdAt, createdAt],
  ];
  return [
    ...insertStatements(
      "channels",
      ["id", "tenant_id", "kind", "address", "display_number", "label", "created_at", "updated_at"],
      channels,
    ),
    ...insertStatements(
      "pros",
      ["id", "tenant_id", "name", "phone", "trades", "time_zone", "base_lat", "base_lng", "radius_km", "created_at", "updated_at"],
      pros.map((p) => [
        p.id,
        tenant.id,
        p.name,
        p.phone,
        p.trades,
        tenant.timeZone,
        p.radiusKm ? AUSTIN.lat : null,
        p.radiusKm ? AUSTIN.lng : null,
        p.radiusKm ?? null,
        createdAt,
        createdAt,
      ]),
    ),
    ...insertStatements(
      "pro_areas",
      ["tenant_id", "pro_id", "kind", "value"],
      pros.flatMap((p) => [
        ...(p.postcodes ?? []).map((v) => [tenant.id, p.id, "postcode", v]),
        ...(p.cities ?? []).map((v) => [tenant.id, p.id, "city", v]),
      ]),
    ),
    ...insertStatements(
      "pro_hours",
      ["tenant_id", "pro_id", "weekday", "start_minute", "end_minute"],
      pros.flatMap((p) => p.hours.map(([weekday, start, end]) => [tenant.id, p.id, weekday, start, end])),
    ),
  ];
}

/** Adds the network to a workspace seeded before it existed (once: its WhatsApp number marks it). */
export async function ensureNetwork(d1, slug, tenantId, log = () => {}) {
  const network = NETWORKS[slug];
  if (!network) return false;
  const [present] = await d1.query(
    `SELECT 1 AS yes FROM channels WHERE kind = 'whatsapp' AND address = ${literal(network.whatsapp.phoneNumberId)}`,
  );
  if (present) return false;
  const [tenant] = await d1.query(`SELECT id, time_zone AS timeZone FROM tenants WHERE id = ${literal(tenantId)}`);
  const { writeFile, rm, mkdtemp } = await import("node:fs/promises");
  const { join } = await import("node:path");
  const { tmpdir } = await import("node:os");
  const dir = await mkdtemp(join(tmpdir(), "homeline-network-"));
  try {
    const file = join(dir, "network.sql");
    await writeFile(file, networkStatements(slug, tenant, Date.now()).join("\n"));
    await d1.executeFile(file);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  log(`Added the WhatsApp number, SMS number and ${network.pros.length} pros`);
  return true;
}
