import { z } from "@hono/zod-openapi";
import { csvOf, dateFrom, dateTo } from "../lib/query-params";
import { CHANNELS, ENTRY_TYPES } from "./model";

/** The wallet API's shapes (OpenAPI), shared by the tenant and admin routes. */
const PoolState = z.object({ balance: z.number().int(), reserved: z.number().int() });
const Split = z.partialRecord(z.enum(CHANNELS), z.number().int().min(0).max(100));

export const AutoSpendBody = z
  .strictObject({ enabled: z.boolean(), split: Split.default({ voice: 35, sms: 35, email: 30 }) })
  .refine((s) => Object.values(s.split).reduce((sum, v) => sum + (v ?? 0), 0) <= 100, {
    message: "The split's percentages add up to more than 100.",
    path: ["split"],
  })
  .openapi("AutoSpend");

export const AutoRechargeBody = z
  .strictObject({
    enabled: z.boolean(),
    threshold: z
      .number()
      .int()
      .min(0)
      .max(1_000_000)
      .openapi({ description: "Recharge when the spendable balance falls below this many credits" }),
    credits: z.number().int().min(500).max(100_000).openapi({ description: "Credits bought per recharge (1 credit = $0.01)" }),
  })
  .openapi("AutoRecharge");

export const Account = z
  .object({
    balance: z.number().int(),
    reserved: z.number().int(),
    available: z.number().int(),
    general: PoolState,
    budgets: z.record(z.enum(CHANNELS), PoolState),
    autoSpend: z.object({ enabled: z.boolean(), split: Split }),
    autoRecharge: z.object({ enabled: z.boolean(), threshold: z.number().int(), credits: z.number().int() }),
    recharge: z.object({
      pending: z.object({ key: z.string(), since: z.number() }).nullable(),
      lastFailure: z.object({ at: z.number(), message: z.string() }).nullable(),
      lastSuccess: z.object({ at: z.number(), credits: z.number() }).nullable(),
    }),
  })
  .openapi("WalletAccount");

export const Entry = z
  .object({
    id: z.string(),
    seq: z.number().int(),
    type: z.enum(ENTRY_TYPES),
    credits: z.number().int(),
    channel: z.enum(CHANNELS).nullable(),
    quantity: z.number().int().nullable(),
    reference: z.string().nullable(),
    actorId: z.string().nullable(),
    holdId: z.string().nullable(),
    balanceAfter: z.number().int(),
    data: z.record(z.string(), z.unknown()).nullable(),
    createdAt: z.string(),
  })
  .openapi("LedgerEntry");

export const Hold = z
  .object({
    id: z.string(),
    channel: z.enum(CHANNELS),
    credits: z.number().int(),
    quantity: z.number().int().nullable(),
    status: z.enum(["open", "captured", "released", "expired"]),
    expiresAt: z.string(),
    reference: z.string().nullable(),
  })
  .openapi("Hold");

export const LedgerFilters = z.strictObject({
  type: csvOf(ENTRY_TYPES, "type").optional(),
  channel: csvOf(CHANNELS, "channel").optional(),
  reference: z.string().max(200).optional(),
  from: dateFrom.optional(),
  to: dateTo.optional(),
});

export const LedgerQuery = LedgerFilters.extend({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.coerce.number().int().positive().optional().openapi({ description: "nextCursor of the previous page" }),
});

export const IdempotencyHeader = z.object({
  "idempotency-key": z
    .string()
    .min(1)
    .max(200)
    .optional()
    .openapi({ description: "Repeat a request with the same key to get its first result instead of a second charge" }),
});
