import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import { asc, desc, eq, sql } from "drizzle-orm";
import type { AppEnv } from "../env";
import { validationHook } from "../http/validation";
import { requireOps } from "../http/ops-auth";
import { moneyLimit } from "../http/limits";
import { notFound } from "../http/problem";
import { database, tables } from "../db/client";
import { auditStatement } from "../audit";
import { newId } from "../lib/ids";
import { CHANNELS } from "../wallet/model";
import { billingWallet, pinWallet, walletOwner } from "../wallet/owner";
import { pricesFor, setPrices } from "../wallet/prices";
import { unwrap } from "../wallet/outcome";
import { reconcileOne, reconcileWallets } from "../wallet/reconcile";
import { Entry, IdempotencyHeader, LedgerQuery } from "../wallet/schemas";
import { entryJson, type EntryView } from "../wallet/views";
import { ok, jsonBody } from "../http/openapi";
import { userWallet } from "../../durable-objects/stubs";

const TenantId = z.string().min(1).max(64);
const { tenants, wallets, walletLedger, walletReconciliations } = tables;

const requireTenant = async (c: { env: AppEnv["Bindings"] }, tenantId: string) => {
  const tenant = await database(c.env.DB).query.tenants.findFirst({ where: eq(tenants.id, tenantId), columns: { id: true } });
  if (!tenant) throw notFound("Workspace");
};

/**
 * Platform administration of wallets (superadmins or the OPS_TOKEN): any workspace's ledger,
 * credit grants and corrections with a reason (audit-logged), unit prices, reconciliation.
 * Workspaces are named in the query or body, so no tenant route is addressed by another's id.
 */

const PriceTable = z.record(z.enum(CHANNELS), z.number());

const ReconciliationRow = z.object({
  tenantId: z.string(),
  status: z.enum(["ok", "drift"]),
  drift: z.number(),
  walletBalance: z.number(),
  walletSum: z.number(),
  projectedSum: z.number(),
  projectedEntries: z.number(),
  uptoSeq: z.number(),
});

const adminWalletGroup = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
adminWalletGroup.use("*", requireOps);
adminWalletGroup.use("/adjustments", moneyLimit);

export const adminWalletRoutes = adminWalletGroup
  .openapi(
    createRoute({
      method: "get",
      path: "/",
      tags: ["admin"],
      summary: "Wallets with their projected balance and last reconciliation",
      responses: { 200: ok(z.object({ items: z.array(z.unknown()) })) },
    }),
    async (c) => {
      const rows = await database(c.env.DB)
        .select({
          tenantId: wallets.tenantId,
          tenantName: tenants.name,
          ownerUserId: wallets.ownerUserId,
          fundedAt: wallets.fundedAt,
          projectedBalance: sql<number>`(SELECT coalesce(sum(${walletLedger.credits}), 0) FROM ${walletLedger} WHERE ${walletLedger.tenantId} = ${wallets.tenantId})`,
          reconciliation: sql<
            string | null
          >`(SELECT ${walletReconciliations.status} FROM ${walletReconciliations} WHERE ${walletReconciliations.tenantId} = ${wallets.tenantId})`,
        })
        .from(wallets)
        .innerJoin(tenants, eq(tenants.id, wallets.tenantId))
        .orderBy(desc(wallets.updatedAt))
        .limit(500);
      return c.json({ items: rows }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/ledger",
      tags: ["admin"],
      summary: "Any workspace's ledger, from its wallet (the source of truth)",
      request: { query: LedgerQuery.extend({ tenantId: TenantId }) },
      responses: { 200: ok(z.object({ items: z.array(Entry), nextCursor: z.number().nullable() })) },
    }),
    async (c) => {
      const { tenantId, type, channel, cursor, ...rest } = c.req.valid("query");
      await requireTenant(c, tenantId);
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
      method: "post",
      path: "/adjustments",
      tags: ["admin"],
      summary: "Grant (positive) or take back (negative) credits with a reason; audit-logged. A negative one never overdraws (402).",
      request: {
        headers: IdempotencyHeader,
        body: jsonBody(
          z.strictObject({
            tenantId: TenantId,
            credits: z
              .number()
              .int()
              .min(-1_000_000)
              .max(1_000_000)
              .refine((n) => n !== 0, "Give a non-zero amount."),
            reason: z.string().trim().min(3).max(500),
          }),
        ),
      },
      responses: { 201: ok(z.object({ entry: Entry })), 402: { description: "Would overdraw" } },
    }),
    async (c) => {
      const { tenantId, credits, reason } = c.req.valid("json");
      await requireTenant(c, tenantId);
      const actorId = c.get("auth")?.userId ?? null; // null for the OPS_TOKEN
      const owner = await pinWallet(c.env, tenantId, { funded: credits > 0 });
      const key = `admin:${c.req.header("Idempotency-Key") ?? newId("adj")}`;
      const { value, replayed } = unwrap<EntryView>(
        await userWallet(c.env, owner.userId).adjust(tenantId, { key, credits, reason, actorId }),
      );
      if (!replayed)
        await auditStatement(c.env, {
          tenantId,
          actorId,
          action: credits > 0 ? "wallet.credits_granted" : "wallet.credits_adjusted",
          target: value.id,
          data: { credits, reason },
          requestId: c.get("requestId"),
        });
      return c.json({ entry: entryJson(value) }, 201);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/prices",
      tags: ["admin"],
      summary: "A workspace's unit prices in credits",
      request: { query: z.strictObject({ tenantId: TenantId }) },
      responses: { 200: ok(PriceTable) },
    }),
    async (c) => {
      const { tenantId } = c.req.valid("query");
      await requireTenant(c, tenantId);
      return c.json(await pricesFor(c.env, tenantId, 0), 200);
    },
  )
  .openapi(
    createRoute({
      method: "put",
      path: "/prices",
      tags: ["admin"],
      summary: "Override unit prices for a workspace (null restores the default, 4× provider cost); audit-logged",
      request: {
        body: jsonBody(
          z.strictObject({
            tenantId: TenantId,
            prices: z.partialRecord(z.enum(CHANNELS), z.number().int().min(0).max(100_000).nullable()),
          }),
        ),
      },
      responses: { 200: ok(PriceTable) },
    }),
    async (c) => {
      const { tenantId, prices } = c.req.valid("json");
      await requireTenant(c, tenantId);
      const actorId = c.get("auth")?.userId ?? null;
      const table = await setPrices(c.env, tenantId, prices, actorId);
      await auditStatement(c.env, { tenantId, actorId, action: "wallet.prices_changed", data: prices, requestId: c.get("requestId") });
      return c.json(table, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/reconciliation",
      tags: ["admin"],
      summary: "The last reconciliation of each wallet, drifted ones first",
      responses: { 200: ok(z.object({ items: z.array(ReconciliationRow.extend({ checkedAt: z.string() })) })) },
    }),
    async (c) => {
      const rows = await database(c.env.DB)
        .select()
        .from(walletReconciliations)
        .orderBy(asc(walletReconciliations.status), desc(walletReconciliations.checkedAt))
        .limit(500);
      return c.json({ items: rows.map((r) => ({ ...r, checkedAt: new Date(r.checkedAt).toISOString() })) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/reconciliation",
      tags: ["admin"],
      summary: "Reconcile now: every funded wallet, or one workspace",
      request: { query: z.strictObject({ tenantId: TenantId.optional() }) },
      responses: { 200: ok(z.object({ checked: z.number(), drifted: z.number(), items: z.array(ReconciliationRow).optional() })) },
    }),
    async (c) => {
      const { tenantId } = c.req.valid("query");
      if (!tenantId) return c.json(await reconcileWallets(c.env), 200);
      await requireTenant(c, tenantId);
      const owner = await walletOwner(c.env, tenantId);
      const result = await reconcileOne(c.env, tenantId, owner.userId);
      return c.json({ checked: 1, drifted: result.status === "drift" ? 1 : 0, items: [result] }, 200);
    },
  );
