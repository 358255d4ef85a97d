import { z } from "@hono/zod-openapi";

export const LEAD_SOURCES = ["whatsapp", "sms", "voice", "web", "scan", "import", "manual"] as const;
export const LEAD_STATUSES = ["new", "contacted", "qualified", "booked", "won", "lost"] as const;
export const TRADES = [
  "roofing",
  "plumbing",
  "electrical",
  "hvac",
  "renovation",
  "handyman",
  "painting",
  "carpentry",
  "flooring",
  "landscaping",
  "other",
] as const;

export type LeadSource = (typeof LEAD_SOURCES)[number];
export type LeadStatus = (typeof LEAD_STATUSES)[number];

const Tag = z
  .string()
  .trim()
  .toLowerCase()
  .min(1)
  .max(32)
  .regex(/^[\p{L}\p{N}][\p{L}\p{N} _-]*$/u, "Tags use letters, digits, spaces, - and _.");
const Text = (max: number) => z.string({ error: "Must be text." }).trim().max(max, `At most ${max} characters.`);

/** Fields a person or an integration may set. Phone is normalized to E.164 after validation. */
const writable = {
  name: z.string({ error: "Name is required." }).trim().min(1, "Name is required.").max(120, "At most 120 characters."),
  // Shape only; the number itself is checked against the workspace's country when normalized.
  phone: Text(40)
    .regex(/^$|^[+(]?[\d\s().-]{7,}$/, "Enter a phone number, e.g. +1 512 555 0100.")
    .nullable(),
  email: z.email("Enter a valid email address.").max(254).toLowerCase().nullable(),
  address: Text(200).nullable(),
  city: Text(100).nullable(),
  postcode: Text(20).nullable(),
  lat: z.number().min(-90).max(90).nullable(),
  lng: z.number().min(-180).max(180).nullable(),
  trade: z.enum(TRADES).nullable(),
  description: Text(4000).nullable(),
  source: z.enum(LEAD_SOURCES),
  status: z.enum(LEAD_STATUSES),
  assigneeId: z.string().max(64).nullable(),
  tags: z.array(Tag).max(20, "At most 20 tags."),
  notes: Text(10_000).nullable(),
};

export const LeadCreate = z
  .strictObject({
    ...writable,
    source: writable.source.default("manual"),
    status: writable.status.default("new"),
    tags: writable.tags.default([]),
    phone: writable.phone.optional(),
    email: writable.email.optional(),
    address: writable.address.optional(),
    city: writable.city.optional(),
    postcode: writable.postcode.optional(),
    lat: writable.lat.optional(),
    lng: writable.lng.optional(),
    trade: writable.trade.optional(),
    description: writable.description.optional(),
    assigneeId: writable.assigneeId.optional(),
    notes: writable.notes.optional(),
  })
  .openapi("LeadCreate");

export const LeadPatch = z.strictObject(writable).partial().openapi("LeadPatch");

export type LeadCreateInput = z.infer<typeof LeadCreate>;
export type LeadPatchInput = z.infer<typeof LeadPatch>;

export const ScoreFactor = z
  .object({ key: z.string(), label: z.string(), weight: z.number(), points: z.number(), detail: z.string() })
  .openapi("ScoreFactor");

export const Lead = z
  .object({
    id: z.string(),
    name: z.string(),
    phone: z.string().nullable(),
    email: z.string().nullable(),
    address: z.string().nullable(),
    city: z.string().nullable(),
    postcode: z.string().nullable(),
    lat: z.number().nullable(),
    lng: z.number().nullable(),
    trade: z.string().nullable(),
    description: z.string().nullable(),
    source: z.enum(LEAD_SOURCES),
    status: z.enum(LEAD_STATUSES),
    score: z.number().int(),
    scoreFactors: z.array(ScoreFactor),
    hot: z.boolean(),
    assigneeId: z.string().nullable(),
    tags: z.array(z.string()),
    notes: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("Lead");

export type LeadView = z.infer<typeof Lead>;

export const LeadEvent = z
  .object({
    id: z.string(),
    type: z.string(),
    actor: z.object({ id: z.string(), name: z.string() }).nullable(),
    data: z.record(z.string(), z.unknown()).nullable(),
    createdAt: z.string(),
  })
  .openapi("LeadEvent");
