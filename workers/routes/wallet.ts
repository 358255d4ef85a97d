import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import { eq } from "drizzle-orm";
import type { AppEnv, Env } from "../env";
import { validationHook } from "../http/validation";
import { hasRole, requireRole } from "../http/auth";
import { conflict } from "../http/problem";
import { database, tables } from "../db/client";
import { dateFrom, dateTo } from "../lib/query-params";
import { CHANNELS } from "../wallet/model";
import { CREDIT_PACKS } from "../wallet/packs";
import { PROVIDER_COSTS } from "../wallet/pricing";
import { pricesFor } from "../wallet/prices";
import { billingWallet, pinWallet } from "../wallet/owner";
import { ledgerCsv } from "../wallet/ledger-csv";
import { Account, AutoRechargeBody, AutoSpendBody, Entry, LedgerFilters, LedgerQuery } from "../wallet/schemas";
import { entryJson } from "../wallet/views";
import { ok, jsonBody } from "../http/openapi";
import { userWallet } from "../../durable-objects/stubs";

/** Stripe when keyed; the local top-up in development; nothing in production without a key. */
const paymentsMode = (env: Env): "stripe" | "local" | "unavailable" =>
  env.STRIPE_SECRET_KEY ? "stripe" : env.ENVIRONMENT === "production" ? "unavailable" : "local";

const WalletSummary = Account.extend({
  payments: z.enum(["stripe", "local", "unavailable"]),
  card: z.string().nullable().openapi({ description: "The card auto-recharge charges" }),
  canManage: z.boolean().openapi({ description: "Whether the caller may buy credits and change settings (admins and owners)" }),
  packs: z.array(z.object({ id: z.string(), credits: z.number(), label: z.string(), priceCents: z.number() })),
  prices: z.array(z.object({ channel: z.enum(CHANNELS), credits: z.number(), unit: z.string() })),
}).openapi("Wallet");

export const walletRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(
    createRoute({
      method: "get",
      path: "/",
      tags: ["wallet"],
      summary: "Balance, channel budgets, settings, packs and unit prices of the workspace's wallet",
      responses: { 200: ok(WalletSummary) },
    }),
    async (c) => {
      const { tenantId } = c.get("auth");
      const [wallet, prices, saved] = await Promise.all([
        billingWallet(c.env, tenantId).then((w) => w.account(tenantId)),
        pricesFor(c.env, tenantId),
        database(c.env.DB).query.wallets.findFirst({ where: eq(tables.wallets.tenantId, tenantId), columns: { paymentMethodLabel: true } }),
      ]);
      return c.json(
        {
          ...wallet,
          payments: paymentsMode(c.env),
          card: saved?.paymentMethodLabel ?? null,
          canManage: hasRole(c.get("auth"), "admin"),
          packs: CREDIT_PACKS.map((pack) => ({ ...pack, priceCents: pack.credits })),
          prices: CHANNELS.map((channel) => ({ channel, credits: prices[channel], unit: PROVIDER_COSTS[channel].unit })),
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/ledger",
      tags: ["wallet"],
      summary: "Ledger entries, newest first, with filters and cursor paging (admin)",
      middleware: [requireRole("admin")] as const,
      request: { query: LedgerQuery },
      responses: { 200: ok(z.object({ items: z.array(Entry), nextCursor: z.number().nullable() })) },
    }),
    async (c) => {
      const { tenantId } = c.get("auth");
      const { type, channel, cursor, ...rest } = c.req.valid("query");
      const page = await (await billingWallet(c.env, tenantId)).ledger(tenantId, {
        ...rest,
        types: type,
        channels: channel,
        before: cursor,
      });
      return c.json({ items: page.items.map(entryJson), nextCursor: page.nextCursor }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/ledger.csv",
      tags: ["wallet"],
      summary: "The filtered ledger as CSV, streamed (admin)",
      middleware: [requireRole("admin")] as const,
      request: { query: LedgerFilters },
      responses: { 200: { description: "CSV", content: { "text/csv": { schema: z.string() } } } },
    }),
    async (c) => {
      const { tenantId } = c.get("auth");
      const { type, channel, ...rest } = c.req.valid("query");
      const wallet = await billingWallet(c.env, tenantId);
      const stream = ledgerCsv((before, limit) => wallet.ledger(tenantId, { ...rest, types: type, channels: channel, before, limit }));
      return c.body(stream, 200, {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="wallet-ledger-${new Date().toISOString().slice(0, 10)}.csv"`,
        "Cache-Control": "no-store",
      });
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/spend",
      tags: ["wallet"],
      summary: "Credits spent per channel in a period (default: the last 30 days) (admin)",
      middleware: [requireRole("admin")] as const,
      request: { query: z.strictObject({ from: dateFrom.optional(), to: dateTo.optional() }) },
      responses: {
        200: ok(
          z.object({
            from: z.string(),
            to: z.string(),
            total: z.number(),
            channels: z.array(z.object({ channel: z.enum(CHANNELS), credits: z.number(), quantity: z.number(), entries: z.number() })),
          }),
        ),
      },
    }),
    async (c) => {
      const { tenantId } = c.get("auth");
      const query = c.req.valid("query");
      const to = query.to ?? Date.now();
      const from = query.from ?? to - 30 * 86_400_000;
      const channels = await (await billingWallet(c.env, tenantId)).spend(tenantId, from, to);
      return c.json(
        {
          from: new Date(from).toISOString(),
          to: new Date(to).toISOString(),
          total: channels.reduce((sum, ch) => sum + ch.credits, 0),
          channels,
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: "put",
      path: "/auto-spend",
      tags: ["wallet"],
      summary: "Turn auto-spend on or off and set the channel split (admin)",
      middleware: [requireRole("admin")] as const,
      request: { body: jsonBody(AutoSpendBody) },
      responses: { 200: ok(Account) },
    }),
    async (c) => {
      const { tenantId, userId } = c.get("auth");
      const owner = await pinWallet(c.env, tenantId);
      return c.json(await userWallet(c.env, owner.userId).configure(tenantId, { autoSpend: c.req.valid("json"), actorId: userId }), 200);
    },
  )
  .openapi(
    createRoute({
      method: "put",
      path: "/auto-recharge",
      tags: ["wallet"],
      summary: "Auto-recharge: below the threshold, charge the card saved at checkout for this many credits (admin)",
      middleware: [requireRole("admin")] as const,
      request: { body: jsonBody(AutoRechargeBody) },
      responses: { 200: ok(Account), 409: { description: "No saved card yet" } },
    }),
    async (c) => {
      const { tenantId, userId } = c.get("auth");
      const settings = c.req.valid("json");
      const owner = await pinWallet(c.env, tenantId);
      if (settings.enabled && paymentsMode(c.env) === "stripe") {
        const saved = await database(c.env.DB).query.wallets.findFirst({
          where: eq(tables.wallets.tenantId, tenantId),
          columns: { paymentMethodId: true },
        });
        if (!saved?.paymentMethodId)
          throw conflict("Buy credits once with a card first: auto-recharge charges the card saved at checkout.");
      }
      return c.json(await userWallet(c.env, owner.userId).configure(tenantId, { autoRecharge: settings, actorId: userId }), 200);
    },
  );
