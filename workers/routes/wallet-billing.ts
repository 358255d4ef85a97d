import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import { eq } from "drizzle-orm";
import type { AppEnv } from "../env";
import { validationHook } from "../http/validation";
import { requireRole } from "../http/auth";
import { forbidden } from "../http/problem";
import { tenantContext } from "../http/tenant-context";
import { database, tables } from "../db/client";
import { newId } from "../lib/ids";
import { paymentsProvider } from "../providers/payments";
import { CURRENCY, packById, PACK_IDS, priceInCents } from "../wallet/packs";
import { creditWallet } from "../wallet/ledger";
import { customerFor, fulfilCheckout } from "../wallet/fulfilment";
import { billingWallet } from "../wallet/owner";
import { unwrap } from "../wallet/outcome";
import { Account, Entry, IdempotencyHeader } from "../wallet/schemas";
import { entryJson, type EntryView } from "../wallet/views";
import { ok, jsonBody } from "../http/openapi";

/** Buying credits: Stripe Checkout, or (development only) an instant top-up. */
export const walletBillingRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(
    createRoute({
      method: "post",
      path: "/checkout",
      tags: ["wallet"],
      summary:
        "A Stripe Checkout Session for a credit pack; the app redirects to `url` (admin). Without a Stripe key (development) the pack is credited at once.",
      middleware: [requireRole("admin")] as const,
      request: { headers: IdempotencyHeader, body: jsonBody(z.strictObject({ pack: z.enum(PACK_IDS) })) },
      responses: {
        201: ok(z.object({ id: z.string(), url: z.string(), paid: z.boolean() }), "Created"),
        503: { description: "Payments are not configured (production without STRIPE_SECRET_KEY)" },
      },
    }),
    async (c) => {
      const { tenant, actor } = await tenantContext(c);
      const pack = packById(c.req.valid("json").pack);
      const provider = paymentsProvider(c.env);
      const user = await database(c.env.DB).query.users.findFirst({ where: eq(tables.users.id, actor.id), columns: { email: true } });
      const customerId = await customerFor(c.env, provider, tenant, user?.email ?? "");
      // One session per click: the web app sends a fresh key per purchase, a retry the same one.
      const key = c.req.header("Idempotency-Key") ?? newId("chk");
      const session = await provider.createCheckout({
        tenantId: tenant.id,
        userId: actor.id,
        customerId,
        pack,
        successUrl: `${c.env.WEB_ORIGIN}/dashboard?wallet=paid&session_id={CHECKOUT_SESSION_ID}`,
        cancelUrl: `${c.env.WEB_ORIGIN}/dashboard?wallet=cancelled`,
        idempotencyKey: `checkout:${tenant.id}:${key}`,
      });
      if (session.paid) {
        await fulfilCheckout(c.env, provider, {
          tenantId: tenant.id,
          userId: actor.id,
          sessionId: session.id,
          paymentIntentId: session.paymentIntentId!,
          credits: pack.credits,
          amountCents: priceInCents(pack.credits),
          currency: CURRENCY,
        });
      }
      return c.json({ id: session.id, url: session.url, paid: session.paid }, 201);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/dev-top-up",
      tags: ["wallet"],
      summary: "Development only: add credits at once, without payment (admin; refused when ENVIRONMENT=production)",
      middleware: [requireRole("admin")] as const,
      request: { headers: IdempotencyHeader, body: jsonBody(z.strictObject({ credits: z.number().int().min(1).max(1_000_000) })) },
      responses: { 201: ok(z.object({ entry: Entry, wallet: Account }), "Credited"), 403: { description: "Production" } },
    }),
    async (c) => {
      if (c.env.ENVIRONMENT === "production")
        throw forbidden("The instant top-up is for development only; buy credits through Stripe Checkout.");
      const { tenantId, userId } = c.get("auth");
      const key = `dev-top-up:${c.req.header("Idempotency-Key") ?? newId("top")}`;
      const { value } = unwrap<EntryView>(
        await creditWallet(c.env, tenantId, {
          key,
          type: "purchase",
          credits: c.req.valid("json").credits,
          reference: "dev-top-up",
          actorId: userId,
          data: { simulated: true },
        }),
      );
      const wallet = await (await billingWallet(c.env, tenantId)).account(tenantId);
      return c.json({ entry: entryJson(value), wallet }, 201);
    },
  );
