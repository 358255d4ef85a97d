import { z } from "@hono/zod-openapi";
import { LEAD_SOURCES, LEAD_STATUSES } from "./model";
import { csvOf, dateFrom, dateTo } from "../lib/query-params";

export const SORTS = ["createdAt", "-createdAt", "updatedAt", "-updatedAt", "score", "-score", "name", "-name"] as const;

/** Filters shared by the list, the CSV export and the dashboard. */
export const LeadFilters = z.strictObject({
  q: z.string().max(200, "Search text is limited to 200 characters.").optional(),
  status: csvOf(LEAD_STATUSES, "status").optional(),
  source: csvOf(LEAD_SOURCES, "source").optional(),
  scoreMin: z.coerce.number().int().min(0).max(100).optional(),
  scoreMax: z.coerce.number().int().min(0).max(100).optional(),
  hot: z
    .enum(["true", "false"])
    .transform((v) => v === "true")
    .optional(),
  assigneeId: z.string().max(64).optional().openapi({ description: "A user id, or `unassigned`" }),
  tag: z.string().trim().toLowerCase().max(32).optional(),
  createdFrom: dateFrom.optional(),
  createdTo: dateTo.optional(),
  sort: z.enum(SORTS).default("-createdAt"),
});

export const LeadListQuery = LeadFilters.extend({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
  includeTotal: z
    .enum(["true", "false"])
    .transform((v) => v === "true")
    .optional(),
}).refine((q) => q.scoreMin === undefined || q.scoreMax === undefined || q.scoreMin <= q.scoreMax, {
  message: "scoreMin must not exceed scoreMax.",
  path: ["scoreMin"],
});

export type LeadFiltersInput = z.infer<typeof LeadFilters>;
export type LeadListInput = z.infer<typeof LeadListQuery>;
