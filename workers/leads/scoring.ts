/**
 * Lead scoring: one pure function, re-run on every change. Each factor has a documented weight
 * (its maximum points); the score is the sum, clamped to 0–100, and the breakdown is stored with
 * the lead so the UI can explain it.
 *
 * | factor      | weight | points                                                               |
 * |-------------|--------|----------------------------------------------------------------------|
 * | phone       | 15     | a valid phone number (the channel that books jobs)                   |
 * | email       | 5      | an email address                                                     |
 * | address     | 8      | a street address                                                     |
 * | postcode    | 4      | a postcode                                                           |
 * | coordinates | 3      | lat/lng (routable, scan-matched)                                     |
 * | trade       | 10     | a known trade (routable to a pro)                                    |
 * | detail      | 10     | description length: ≥80 chars 10, ≥30 chars 6, any 3                 |
 * | urgency     | 20     | urgent words: leak, flood, burst, no heat, sparking, emergency, …    |
 * | source      | 15     | voice 15, whatsapp 12, sms 10, web 10, manual 6, scan 6, import 4    |
 * | progress    | 15     | contacted 5, qualified 10, booked 15, won 15                         |
 * A lost lead scores 0. Hot: score ≥ 70, or urgent while still open (new/contacted/qualified).
 */
import type { LeadSource, LeadStatus } from "./model";

export interface ScoreInput {
  phone: string | null;
  email: string | null;
  address: string | null;
  postcode: string | null;
  lat: number | null;
  lng: number | null;
  trade: string | null;
  description: string | null;
  source: LeadSource;
  status: LeadStatus;
}

export interface ScoreFactor {
  key: string;
  label: string;
  weight: number;
  points: number;
  detail: string;
}

export interface Score {
  score: number;
  hot: boolean;
  factors: ScoreFactor[];
}

export const HOT_THRESHOLD = 70;

export const URGENT =
  /\b(emergenc\w*|urgent\w*|asap|leak\w*|flood\w*|burst\w*|pouring|no (?:heat|heating|hot water|power|water)|sparking|smell(?:s|ing)? (?:of )?gas|gas smell|collaps\w*|storm damage|sewage|overflow\w*|tonight|right now|immediately)\b/i;
const SOURCE_POINTS: Record<LeadSource, number> = { voice: 15, whatsapp: 12, sms: 10, web: 10, manual: 6, scan: 6, import: 4 };
const PROGRESS_POINTS: Record<LeadStatus, number> = { new: 0, contacted: 5, qualified: 10, booked: 15, won: 15, lost: 0 };
const OPEN: ReadonlySet<LeadStatus> = new Set(["new", "contacted", "qualified"]);

export function scoreLead(lead: ScoreInput): Score {
  const description = lead.description?.trim() ?? "";
  const urgentMatch = description.match(URGENT);
  const factors: ScoreFactor[] = [
    present("phone", "Phone number", 15, lead.phone),
    present("email", "Email address", 5, lead.email),
    present("address", "Street address", 8, lead.address),
    present("postcode", "Postcode", 4, lead.postcode),
    factor(
      "coordinates",
      "Map location",
      3,
      lead.lat !== null && lead.lng !== null ? 3 : 0,
      lead.lat !== null && lead.lng !== null ? "located" : "no coordinates",
    ),
    factor("trade", "Trade identified", 10, lead.trade && lead.trade !== "other" ? 10 : lead.trade ? 4 : 0, lead.trade ?? "unknown trade"),
    factor(
      "detail",
      "Job description",
      10,
      description.length >= 80 ? 10 : description.length >= 30 ? 6 : description.length > 0 ? 3 : 0,
      `${description.length} characters`,
    ),
    factor(
      "urgency",
      "Urgent job",
      20,
      urgentMatch ? 20 : 0,
      urgentMatch ? `mentions “${urgentMatch[0].toLowerCase()}”` : "no urgency words",
    ),
    factor("source", "Channel", 15, SOURCE_POINTS[lead.source], lead.source),
    factor("progress", "Pipeline progress", 15, PROGRESS_POINTS[lead.status], lead.status),
  ];
  const total = factors.reduce((sum, f) => sum + f.points, 0);
  const score = lead.status === "lost" ? 0 : Math.min(100, total);
  const hot =
    lead.status !== "lost" && lead.status !== "won" && (score >= HOT_THRESHOLD || (urgentMatch !== null && OPEN.has(lead.status)));
  return { score, hot, factors };
}

function factor(key: string, label: string, weight: number, points: number, detail: string): ScoreFactor {
  return { key, label, weight, points, detail };
}

function present(key: string, label: string, weight: number, value: string | null): ScoreFactor {
  return factor(key, label, weight, value ? weight : 0, value ? "present" : "missing");
}
