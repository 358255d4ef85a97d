// Generates realistic leads for a roofing & plumbing business in Austin. Scores, ids and the
// lists of sources, statuses and trades come from the Worker's own modules (Node strips their
// types), so seeded leads are scored exactly as the API would score them.
import { scoreLead } from "../../workers/leads/scoring.ts";
import { newId } from "../../workers/lib/ids.ts";
import { LEAD_SOURCES, TRADES } from "../../workers/leads/model.ts";
import { DESCRIPTION_EXTRAS, DESCRIPTIONS, EMAIL_DOMAINS, FIRST_NAMES, LAST_NAMES, NEIGHBORHOODS, NOTES, TAGS } from "./austin.mjs";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

// Relative frequencies; anything the model adds later still appears, with weight 1.
const SOURCE_WEIGHTS = { web: 30, voice: 20, whatsapp: 15, sms: 12, manual: 10, import: 8, scan: 5 };
const TRADE_WEIGHTS = { roofing: 35, plumbing: 35, hvac: 6, electrical: 5, renovation: 4, handyman: 4, other: 3 };
// Status mix by the lead's age: fresh leads are mostly untouched, old ones mostly settled.
const STATUS_BY_AGE = [
  { maxDays: 1, weights: { new: 80, contacted: 20 } },
  { maxDays: 7, weights: { new: 35, contacted: 30, qualified: 20, booked: 10, lost: 5 } },
  { maxDays: Infinity, weights: { new: 10, contacted: 15, qualified: 15, booked: 15, won: 30, lost: 15 } },
];
const SHORT_TEXTS = ["Need a quote.", "Call me back please", "How soon can someone come out?"];

/** Small seeded PRNG (mulberry32): the same seed gives the same demo data on every machine. */
export function random(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min, max) => min + Math.floor(next() * (max - min + 1));
  const pick = (items) => items[Math.floor(next() * items.length)];
  const chance = (p) => next() < p;
  const weighted = (weights) => {
    const entries = Object.entries(weights);
    let roll = next() * entries.reduce((sum, [, w]) => sum + w, 0);
    for (const [key, w] of entries) if ((roll -= w) < 0) return key;
    return entries.at(-1)[0];
  };
  return { next, int, pick, chance, weighted };
}

const withDefaults = (values, weights) => Object.fromEntries(values.map((v) => [v, weights[v] ?? 1]));
const SOURCES = withDefaults(LEAD_SOURCES, SOURCE_WEIGHTS);
const TRADE_MIX = withDefaults(TRADES, TRADE_WEIGHTS);
const ascii = (text) =>
  text
    .normalize("NFKD")
    .replace(/[^\x20-\x7e]/g, "")
    .toLowerCase();

// 555 numbers are reserved for fiction, so no real subscriber is ever dialled. Stepping by a
// prime coprime to 9,900 walks every 555-0100…555-9999 line once before repeating.
function phoneNumber(index) {
  const area = index % 2 ? "737" : "512";
  const line = 100 + ((Math.floor(index / 2) * 7919) % 9900);
  return `+1${area}555${String(line).padStart(4, "0")}`;
}

/**
 * `count` leads of one tenant created over the last `days` days before `now`, one at a time so
 * 100,000 of them never sit in memory together. `assignees` are { id, name, weight } members.
 * Yields rows shaped like the leads table (camelCase), each with its "lead.created" event.
 */
export function* generateLeads({ tenantId, count, days, now, assignees, seed }) {
  const rng = random(seed);
  for (let i = 0; i < count; i++) yield oneLead(rng, i, { tenantId, days, now, assignees });
}

function oneLead(rng, index, { tenantId, days, now, assignees }) {
  const createdAt = createdTime(rng, now, days);
  const ageDays = (now - createdAt) / DAY;
  const source = rng.weighted(SOURCES);
  const status = rng.weighted(STATUS_BY_AGE.find((band) => ageDays < band.maxDays).weights);
  const first = rng.pick(FIRST_NAMES);
  const last = rng.pick(LAST_NAMES);
  const place = rng.pick(NEIGHBORHOODS);
  const trade = source === "scan" ? "roofing" : rng.chance(0.04) ? null : rng.weighted(TRADE_MIX);
  const description = describe(rng, source, trade);

  // What each channel typically captures: calls and chats bring a phone, forms an email,
  // scans an address and map point but no contact yet, imports whatever the old CRM had.
  const chat = source === "voice" || source === "sms" || source === "whatsapp";
  const hasPhone = source === "scan" ? false : chat || rng.chance(0.85);
  const hasEmail = source === "web" || (source !== "scan" && rng.chance(chat ? 0.3 : 0.6));
  const hasAddress = source === "scan" || rng.chance(chat ? 0.7 : 0.9);
  const located = hasAddress && source !== "import" && rng.chance(0.9);

  const base = {
    phone: hasPhone ? phoneNumber(index) : null,
    email: hasEmail ? `${ascii(first)}.${ascii(last)}${rng.chance(0.4) ? rng.int(1, 99) : ""}@${rng.pick(EMAIL_DOMAINS)}` : null,
    address: hasAddress ? `${rng.int(100, 9999)} ${rng.pick(place.streets)}` : null,
    postcode: hasAddress || rng.chance(0.5) ? place.zip : null,
    lat: located ? round5(place.lat + (rng.next() - 0.5) * 0.024) : null,
    lng: located ? round5(place.lng + (rng.next() - 0.5) * 0.024) : null,
    trade,
    description,
    source,
    status,
  };
  const { score, hot, factors } = scoreLead(base);
  const assignee =
    status === "new" && rng.chance(0.5)
      ? null
      : rng.chance(0.15)
        ? null
        : rng.weighted(Object.fromEntries(assignees.map((a) => [a.id, a.weight])));
  const tags = pickTags(rng, description);
  const updatedAt = status === "new" ? createdAt : Math.round(createdAt + rng.next() * Math.min(ageDays, 10) * DAY);
  const id = newId("lead", createdAt);
  // Inbound channels create leads themselves; people create manual and imported ones.
  const creator = source === "manual" || source === "import" ? (assignees.find((a) => a.id === assignee) ?? assignees[0]) : null;
  return {
    id,
    tenantId,
    name: `${first} ${last}`,
    ...base,
    city: hasAddress || base.postcode ? "Austin" : null,
    score,
    scoreFactors: factors,
    hot,
    assigneeId: assignee,
    tags,
    notes: status !== "new" && rng.chance(0.3) ? rng.pick(NOTES) : null,
    createdAt,
    updatedAt,
    event: {
      id: newId("lev", createdAt),
      type: "lead.created",
      actorId: creator?.id ?? null,
      actorName: creator?.name ?? null,
      data: { source, score },
      createdAt,
    },
  };
}

/** Business hours in Austin (about 7am–9pm Central, i.e. 12:00–02:00 UTC), never in the future. */
function createdTime(rng, now, days) {
  const dayStart = Math.floor((now - rng.int(0, days - 1) * DAY) / DAY) * DAY;
  const t = dayStart + 12 * HOUR + Math.floor(rng.next() * 14 * HOUR);
  return t <= now ? t : t - DAY;
}

function describe(rng, source, trade) {
  if (rng.chance(0.05)) return null;
  if ((source === "sms" || source === "whatsapp") && rng.chance(0.15)) return rng.pick(SHORT_TEXTS);
  if (source === "scan")
    return `Area scan flagged this roof: estimated ${rng.int(14, 28)} years old, visible wear on the ${rng.pick(["north", "south", "east", "west"])} slope.`;
  const text = rng.pick(DESCRIPTIONS[trade] ?? DESCRIPTIONS.other);
  return rng.chance(0.3) ? `${text} ${rng.pick(DESCRIPTION_EXTRAS)}` : text;
}

function pickTags(rng, description) {
  const tags = new Set();
  if (description && /storm|hail/i.test(description)) tags.add("storm-damage");
  const extra = rng.weighted({ 0: 50, 1: 30, 2: 15, 3: 5 });
  for (let i = 0; i < Number(extra); i++) tags.add(rng.pick(TAGS));
  return [...tags];
}

const round5 = (n) => Math.round(n * 1e5) / 1e5;
