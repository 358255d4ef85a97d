import type { hc, InferResponseType } from "hono/client";
import type { Api } from "$api";

/**
 * The Worker's /api/v1 as hono/client sees it: every path, method, input and response, from the
 * routes' zod schemas. `$api` is the declaration tsc emits for workers/app.ts (`npm run typecheck`
 * writes it to .types/ before svelte-check runs), so a change to a route's schema is a type error here.
 */
export type ApiClient = ReturnType<typeof hc<Api>>;

/** The JSON a route answers with 200. */
export type Ok<Endpoint> = InferResponseType<Endpoint, 200>;
