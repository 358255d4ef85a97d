import { z } from "@hono/zod-openapi";

/** Query parameters shared by list endpoints: comma-separated enums and date ranges. */
export const csvOf = <T extends readonly [string, ...string[]]>(values: T, name: string) =>
  z
    .string()
    .max(200)
    .transform((raw, ctx) => {
      const items = raw
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean);
      const unknown = items.filter((item) => !(values as readonly string[]).includes(item));
      if (unknown.length) ctx.addIssue({ code: "custom", message: `Unknown ${name}: ${unknown.join(", ")}. Use ${values.join(", ")}.` });
      return items as T[number][];
    })
    .openapi({ description: `Comma-separated: ${values.join(", ")}`, type: "string" });

const dateTime = z.iso
  .datetime({ offset: true, message: "Use an ISO 8601 date-time, e.g. 2026-11-01T00:00:00Z." })
  .transform((value) => Date.parse(value));
const dateOnly = z.iso.date({ message: "Use an ISO date, e.g. 2026-11-01." });
export const dateFrom = dateTime.or(dateOnly.transform((value) => Date.parse(value)));
// A bare date as the end of a range means "through that day" (UTC); send a date-time for a local day.
export const dateTo = dateTime.or(dateOnly.transform((value) => Date.parse(value) + 86_400_000 - 1));
