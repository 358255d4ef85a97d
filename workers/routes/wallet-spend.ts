import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../env";
import { validationHook } from "../http/validation";
import { notFound } from "../http/problem";
import { newId } from "../lib/ids";
import { CHANNELS } from "../wallet/model";
import { billingWallet } from "../wallet/owner";
import { captureHold, debitWallet, holdCredits, releaseHold } from "../wallet/ledger";
import { unwrap } from "../wallet/outcome";
import { Entry, Hold, IdempotencyHeader } from "../wallet/schemas";
import { entryJson, holdJson, type EntryView, type HoldView } from "../wallet/views";
import { ok, jsonBody, IdParam } from "../http/openapi";

const Quantity = z
  .number()
  .int()
  .min(0)
  .max(1_000_000)
  .openapi({ description: "Units of the channel: started minutes, segments, messages or properties" });
const paid = {
  402: { description: "Not enough credits (problem with shortfall and spendable)" },
  409: { description: "Idempotency key reused for a different request" },
};

const Action = z.strictObject({ channel: z.enum(CHANNELS), quantity: Quantity, reference: z.string().max(200).optional() });

/** Client keys live in their own namespace, so they can never collide with the app's own keys. */
const keyOf = (c: Context<AppEnv>) => {
  const header = c.req.header("Idempotency-Key");
  return header ? `api:${header}` : newId("api");
};

/** 201 for a new charge, 200 with Idempotent-Replayed for the replay of an earlier one. */
const created = (c: Context<AppEnv>, body: unknown, replayed: boolean) =>
  c.json(body, replayed ? 200 : 201, replayed ? { "Idempotent-Replayed": "true" } : {});

/**
 * Paid actions over HTTP, priced by the workspace's unit prices and charged to the wallet the
 * caller spends from (the owner's, for team members). The same operations are functions in
 * workers/wallet/ledger.ts for the app's own channels.
 */
export const walletSpendRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(
    createRoute({
      method: "post",
      path: "/debits",
      tags: ["wallet"],
      summary: "Charge a one-shot paid action (spends from its channel's budget, then the general balance)",
      request: { headers: IdempotencyHeader, body: jsonBody(Action) },
      responses: { 201: ok(z.object({ entry: Entry }), "Charged"), 200: ok(z.object({ entry: Entry }), "Replayed"), ...paid },
    }),
    async (c) => {
      const { tenantId, userId } = c.get("auth");
      const { value, replayed } = unwrap<EntryView>(
        await debitWallet(c.env, tenantId, { ...c.req.valid("json"), key: keyOf(c), actorId: userId }),
      );
      return created(c, { entry: entryJson(value) }, replayed);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/holds",
      tags: ["wallet"],
      summary: "Reserve credits for an action whose cost is known afterwards (a call, a scan); expires unless captured or released",
      request: {
        headers: IdempotencyHeader,
        body: jsonBody(
          Action.extend({
            ttlSeconds: z.number().int().min(10).max(86_400).optional().openapi({ description: "Default 1,800 (30 minutes)" }),
          }),
        ),
      },
      responses: {
        201: ok(z.object({ hold: Hold, entry: Entry }), "Held"),
        200: ok(z.object({ hold: Hold, entry: Entry }), "Replayed"),
        ...paid,
      },
    }),
    async (c) => {
      const { tenantId, userId } = c.get("auth");
      const { value, replayed } = unwrap<{ hold: HoldView; entry: EntryView }>(
        await holdCredits(c.env, tenantId, { ...c.req.valid("json"), key: keyOf(c), actorId: userId }),
      );
      return created(c, { hold: holdJson(value.hold), entry: entryJson(value.entry) }, replayed);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/holds/{id}",
      tags: ["wallet"],
      summary: "One hold",
      request: { params: IdParam },
      responses: { 200: ok(Hold), 404: { description: "Not found (or another workspace's)" } },
    }),
    async (c) => {
      const { tenantId } = c.get("auth");
      const hold = await (await billingWallet(c.env, tenantId)).getHold(tenantId, c.req.valid("param").id);
      if (!hold) throw notFound("Hold");
      return c.json(holdJson(hold), 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/holds/{id}/capture",
      tags: ["wallet"],
      summary: "Charge the actual quantity of an open hold and release the rest (repeating it returns the first result)",
      request: { params: IdParam, body: jsonBody(z.strictObject({ quantity: Quantity })) },
      responses: { 200: ok(z.object({ capture: Entry, release: Entry.nullable() })), 404: { description: "Not found" }, ...paid },
    }),
    async (c) => {
      const { tenantId, userId } = c.get("auth");
      const { value, replayed } = unwrap<{ capture: EntryView; release: EntryView | null }>(
        await captureHold(c.env, tenantId, c.req.valid("param").id, { quantity: c.req.valid("json").quantity, actorId: userId }),
      );
      return c.json(
        { capture: entryJson(value.capture), release: value.release ? entryJson(value.release) : null },
        200,
        replayed ? { "Idempotent-Replayed": "true" } : {},
      );
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/holds/{id}/release",
      tags: ["wallet"],
      summary: "Give an open hold back in full",
      request: { params: IdParam },
      responses: { 200: ok(z.object({ entry: Entry })), 404: { description: "Not found" }, 409: { description: "Already captured" } },
    }),
    async (c) => {
      const { tenantId, userId } = c.get("auth");
      const { value } = unwrap<EntryView>(await releaseHold(c.env, tenantId, c.req.valid("param").id, userId));
      return c.json({ entry: entryJson(value) }, 200);
    },
  );
