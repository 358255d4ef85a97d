import { parseAddress } from "../addresses/parse";
import { URGENT } from "../leads/scoring";
import type { JobDetails, RequiredDetail, Urgency } from "./engine";

// Trade words. Nouns that name the thing (roof, pipe) weigh 2, symptoms shared by trades
// (leak, water) weigh 1, so "my roof is leaking" is roofing, not plumbing.
const TRADE_WORDS: Record<string, [RegExp, number][]> = {
  roofing: [[/\b(roof\w*|shingles?|gutters?|skylights?|flashing|chimney|hail)\b/i, 2]],
  plumbing: [
    [/\b(plumb\w*|pipes?|drains?|toilets?|faucets?|taps?|sinks?|water heater|boiler|sewage|sewer|clog\w*|shower)\b/i, 2],
    [/\b(leak\w*|water|pouring|burst|flood\w*|drip\w*)\b/i, 1],
  ],
  electrical: [[/\b(electric\w*|outlets?|sockets?|wiring|breakers?|fuse\w*|sparking|sparks|panel|light switch|ev charger|no power)\b/i, 2]],
  hvac: [[/\b(hvac|a\/?c|air ?con\w*|furnace|heat pump|no heat|heating|thermostat|ventilation)\b/i, 2]],
  renovation: [[/\b(renovat\w*|remodel\w*|extension|loft conversion|kitchen refit|bathroom refit)\b/i, 2]],
  painting: [[/\b(paint\w*|decorat\w*)\b/i, 2]],
  carpentry: [[/\b(carpent\w*|cabinets?|decks?|decking|joinery)\b/i, 2]],
  flooring: [[/\b(floor\w*|tiles?|tiling|carpets?|hardwood|laminate)\b/i, 2]],
  landscaping: [[/\b(landscap\w*|lawns?|garden\w*|trees?|hedges?|fenc\w*)\b/i, 2]],
  handyman: [[/\b(handyman|odd jobs?|shel(f|ves)|assembl\w*|mount\w*|door|window)\b/i, 1]],
};

const NAME = /\b(?:my name is|my name's|i am|i'm|im|this is|it's|name:)\s+([a-z][a-z'-]+(?:\s+[a-z][a-z'-]+)?)/i;
// Words that follow "I'm" without being a name ("I'm worried", "I'm at home").
const NOT_NAMES = new Set([
  "at",
  "in",
  "on",
  "not",
  "so",
  "very",
  "really",
  "worried",
  "home",
  "looking",
  "having",
  "getting",
  "a",
  "the",
  "sorry",
  "here",
  "calling",
  "writing",
  "interested",
  "after",
  "just",
  "still",
  "also",
  "from",
  "with",
]);

const YES = /^\s*(y|yes|yeah|yep|yup|sure|ok(ay)?|please|correct|right|definitely|absolutely|si|sí)\b/i;
export const NO = /^\s*(n|no|nope|nah|not really|not urgent|no rush)\b/i;
export const HUMAN =
  /\b(human|agent|person|someone real|real person|operator|representative|speak to (?:someone|somebody)|talk to (?:someone|somebody))\b/i;
export const CANCEL = /\b(cancel\w*|call (?:it )?off)\b/i;
export const RESCHEDULE =
  /\b(reschedul\w*|change (?:the |my )?(?:time|booking|appointment|slot)|another time|different time|move (?:it|the appointment|my booking))\b/i;
const SOON = /\b(this week|soon|tomorrow|few days)\b/i;
const FLEXIBLE = /\b(no rush|not urgent|whenever|flexible|next month|any ?time)\b/i;

export function detectTrade(text: string): string | undefined {
  let best: { trade: string; score: number } | undefined;
  for (const [trade, patterns] of Object.entries(TRADE_WORDS)) {
    const score = patterns.reduce((sum, [pattern, weight]) => sum + (pattern.test(text) ? weight : 0), 0);
    if (score > 0 && (!best || score > best.score)) best = { trade, score };
  }
  return best?.trade;
}

export function detectUrgency(text: string): Urgency | undefined {
  if (FLEXIBLE.test(text)) return "flexible";
  if (URGENT.test(text)) return "emergency";
  if (SOON.test(text)) return "soon";
  return undefined;
}

export function detectName(text: string): string | undefined {
  const match = text.match(NAME);
  if (!match) return undefined;
  const words = match[1]!.split(/\s+/).filter((w) => !NOT_NAMES.has(w.toLowerCase()));
  if (!words.length || NOT_NAMES.has(match[1]!.split(/\s+/)[0]!.toLowerCase())) return undefined;
  return words.map(capitalize).join(" ");
}

/** The job's place in the text (street line with unit, city, state or county, ZIP or postcode); spoken numbers are read too. */
export function detectAddress(text: string, expected = false): Pick<JobDetails, "address" | "city" | "region" | "postcode"> {
  const parsed = parseAddress(text, undefined, { expected });
  if (!parsed) return {};
  const found: Pick<JobDetails, "address" | "city" | "region" | "postcode"> = {};
  if (parsed.line) found.address = parsed.line;
  if (parsed.city) found.city = parsed.city;
  if (parsed.region) found.region = parsed.region;
  if (parsed.postcode) found.postcode = parsed.postcode;
  return found;
}

/** Everything the text says about the job, plus a bare answer to the question asked last. */
export function extractDetails(text: string, asked: RequiredDetail | null): JobDetails {
  const details: JobDetails = { ...detectAddress(text, asked === "address") };
  const trade = detectTrade(text);
  if (trade) details.trade = trade;
  const urgency = detectUrgency(text);
  if (urgency) details.urgency = urgency;
  const name = detectName(text);
  if (name) details.name = name;
  if (asked === "name" && !details.name && /^[\p{L}][\p{L}'. -]{0,40}$/u.test(text.trim()) && text.trim().split(/\s+/).length <= 4) {
    details.name = text.trim().split(/\s+/).map(capitalize).join(" ");
  }
  if (asked === "address" && !details.address && !details.postcode && !details.city && text.trim().length >= 4)
    details.address = text.trim();
  if (asked === "urgency" && !details.urgency) {
    if (YES.test(text)) details.urgency = "emergency";
    else if (NO.test(text)) details.urgency = "flexible";
  }
  if (asked === "trade" && !details.trade && text.trim().length >= 3) details.trade = "other";
  return details;
}

/** "1", "option 2", "#3", a slot button id → the slot's position (1-based). */
export function chosenNumber(text: string, choiceId?: string): number | undefined {
  const fromId = choiceId?.match(/^slot:(\d+)$/);
  if (fromId) return Number(fromId[1]);
  const match = text.trim().match(/^(?:option\s*|slot\s*|#)?(\d{1,2})[.)]?$/i);
  return match ? Number(match[1]) : undefined;
}

const capitalize = (word: string) => word.charAt(0).toUpperCase() + word.slice(1).toLowerCase();
