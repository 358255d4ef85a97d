import { z } from "@hono/zod-openapi";

// Pieces every route file's createRoute() uses, so a response or body reads as one word.

/** A JSON response of `schema`. */
export const ok = <T extends z.ZodType>(schema: T, description = "OK") => ({ description, content: { "application/json": { schema } } });

/** A required JSON request body of `schema`. */
export const jsonBody = <T extends z.ZodType>(schema: T) => ({ content: { "application/json": { schema } }, required: true });

/** `{id}` in a path: one of our ids. */
export const IdParam = z.object({ id: z.string().min(1).max(64) });
