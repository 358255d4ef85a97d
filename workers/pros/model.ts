import { z } from "@hono/zod-openapi";
import { TRADES } from "../leads/model";

const Clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, "Use HH:MM, e.g. 09:00.");
const TimeZone = z
  .string()
  .min(1)
  .max(64)
  .refine((zone) => {
    try {
      new Intl.DateTimeFormat("en-US", { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  }, "Use an IANA time zone such as America/Chicago.");

const Hours = z
  .object({ weekday: z.number().int().min(0).max(6).describe("0 = Monday … 6 = Sunday"), start: Clock, end: Clock })
  .refine((h) => h.end > h.start, "end must be after start.");
const Override = z
  .object({ date: z.iso.date(), start: Clock.optional(), end: Clock.optional() })
  .refine(
    (o) => (!o.start && !o.end) || (o.start && o.end && o.end > o.start),
    "Give start and end (end after start), or neither for a day off.",
  );

const writable = {
  name: z.string().trim().min(1, "Name is required.").max(120),
  phone: z.string().trim().min(7).max(40),
  trades: z.array(z.enum(TRADES)).min(1, "At least one trade.").max(TRADES.length),
  timeZone: TimeZone,
  active: z.boolean(),
  jobCap: z.number().int().min(1).max(50),
  postcodes: z.array(z.string().trim().min(2).max(12)).max(200),
  cities: z.array(z.string().trim().min(2).max(80)).max(100),
  baseLat: z.number().min(-90).max(90).nullable(),
  baseLng: z.number().min(-180).max(180).nullable(),
  radiusKm: z.number().positive().max(500).nullable(),
  hours: z.array(Hours).max(28),
  overrides: z.array(Override).max(366),
  slotMinutes: z.number().int().min(15).max(480),
  bufferMinutes: z.number().int().min(0).max(240),
  minNoticeMinutes: z.number().int().min(0).max(10_080),
};

export const ProCreate = z
  .strictObject({
    ...writable,
    active: writable.active.default(true),
    jobCap: writable.jobCap.default(3),
    postcodes: writable.postcodes.default([]),
    cities: writable.cities.default([]),
    baseLat: writable.baseLat.default(null),
    baseLng: writable.baseLng.default(null),
    radiusKm: writable.radiusKm.default(null),
    hours: writable.hours.default([]),
    overrides: writable.overrides.default([]),
    slotMinutes: writable.slotMinutes.default(60),
    bufferMinutes: writable.bufferMinutes.default(30),
    minNoticeMinutes: writable.minNoticeMinutes.default(60),
  })
  .openapi("ProCreate");
export const ProPatch = z.strictObject(writable).partial().openapi("ProPatch");
export type ProCreateInput = z.infer<typeof ProCreate>;
export type ProPatchInput = z.infer<typeof ProPatch>;

export const Pro = z
  .object({
    id: z.string(),
    name: z.string(),
    phone: z.string(),
    trades: z.array(z.string()),
    timeZone: z.string(),
    active: z.boolean(),
    jobCap: z.number(),
    activeJobs: z.number(),
    postcodes: z.array(z.string()),
    cities: z.array(z.string()),
    baseLat: z.number().nullable(),
    baseLng: z.number().nullable(),
    radiusKm: z.number().nullable(),
    hours: z.array(z.object({ weekday: z.number(), start: z.string(), end: z.string() })),
    overrides: z.array(z.object({ date: z.string(), start: z.string().optional(), end: z.string().optional() })),
    slotMinutes: z.number(),
    bufferMinutes: z.number(),
    minNoticeMinutes: z.number(),
    lastAssignedAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi("Pro");
export type ProView = z.infer<typeof Pro>;

export const toMinute = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3));
export const toClock = (minute: number) => `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;
