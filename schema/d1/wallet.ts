// Wallet, billing and quests. The Wallet Durable Object is the source of truth for balances,
// holds, points and streaks; these D1 tables hold what the rest of the app needs to look up
// or report on: who pays for a workspace, its prices, Stripe's events and payments, and
// projections of the ledger and of quest scores.
import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { tenants, users } from "./tables";

// The user whose Wallet DO holds the workspace's money: pinned to the founding owner on the
// first write, so a later role change never moves the balance.
export const wallets = sqliteTable("wallets", {
  tenantId: text("tenant_id")
    .primaryKey()
    .references(() => tenants.id, { onDelete: "cascade" }),
  ownerUserId: text("owner_user_id").notNull(),
  stripeCustomerId: text("stripe_customer_id"),
  // The card saved at checkout, charged off-session by auto-recharge.
  paymentMethodId: text("payment_method_id"),
  paymentMethodLabel: text("payment_method_label"),
  // Set by the first credit: paid actions are charged from then on.
  fundedAt: integer("funded_at"),
  createdAt: integer("created_at").notNull(),
  updatedAt: integer("updated_at").notNull(),
});

// Per-workspace unit prices in credits, overriding the default (4× provider cost).
export const walletPrices = sqliteTable(
  "wallet_prices",
  {
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    unit: text("unit").notNull(),
    credits: integer("credits").notNull(),
    updatedBy: text("updated_by"),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.unit] })],
);

// Projection of the Wallet DO's ledger for reporting and admin: upserted by entry id, so a
// repeated flush changes nothing. `seq` is the DO's order; the projection is always a prefix.
export const walletLedger = sqliteTable(
  "wallet_ledger",
  {
    tenantId: text("tenant_id").notNull(),
    id: text("id").notNull(),
    seq: integer("seq").notNull(),
    type: text("type").notNull(),
    credits: integer("credits").notNull(),
    channel: text("channel"),
    quantity: integer("quantity"),
    reference: text("reference"),
    actorId: text("actor_id"),
    holdId: text("hold_id"),
    balanceAfter: integer("balance_after").notNull(),
    data: text("data", { mode: "json" }).$type<Record<string, unknown>>(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("wallet_ledger_tenant_seq").on(t.tenantId, t.seq),
    index("wallet_ledger_tenant_time").on(t.tenantId, t.createdAt),
  ],
);

// Every verified Stripe webhook event, once (the id is Stripe's), processed by the queue.
export const stripeEvents = sqliteTable(
  "stripe_events",
  {
    id: text("id").primaryKey(),
    type: text("type").notNull(),
    payload: text("payload").notNull(),
    receivedAt: integer("received_at").notNull(),
    processedAt: integer("processed_at"),
    lastError: text("last_error"),
    // Why a processed event changed nothing (a charge Homeline did not create), for whoever reconciles.
    ignoredReason: text("ignored_reason"),
  },
  (t) => [index("stripe_events_received").on(t.receivedAt)],
);

// One row per PaymentIntent that bought credits, so a refund finds its workspace and price.
export const stripePayments = sqliteTable(
  "stripe_payments",
  {
    paymentIntentId: text("payment_intent_id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    kind: text("kind", { enum: ["checkout", "auto_recharge"] }).notNull(),
    sessionId: text("session_id"),
    credits: integer("credits").notNull(),
    amountCents: integer("amount_cents").notNull(),
    currency: text("currency").notNull(),
    status: text("status", { enum: ["pending", "paid", "failed"] }).notNull(),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [index("stripe_payments_tenant").on(t.tenantId, t.createdAt)],
);

// Points and streaks per member for the workspace leaderboard, written by each user's Wallet
// DO; `version` only grows, so a late write never overwrites a newer one.
export const questScores = sqliteTable(
  "quest_scores",
  {
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    points: integer("points").notNull(),
    streak: integer("streak").notNull(),
    bestStreak: integer("best_streak").notNull(),
    version: integer("version").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.userId] }), index("quest_scores_tenant_points").on(t.tenantId, t.points)],
);

// The latest reconciliation of each wallet: the DO's balance against the projection's sum.
export const walletReconciliations = sqliteTable(
  "wallet_reconciliations",
  {
    tenantId: text("tenant_id").primaryKey(),
    checkedAt: integer("checked_at").notNull(),
    uptoSeq: integer("upto_seq").notNull(),
    walletBalance: integer("wallet_balance").notNull(),
    walletSum: integer("wallet_sum").notNull(),
    walletEntries: integer("wallet_entries").notNull(),
    projectedSum: integer("projected_sum").notNull(),
    projectedEntries: integer("projected_entries").notNull(),
    drift: integer("drift").notNull(),
    status: text("status", { enum: ["ok", "drift"] }).notNull(),
  },
  (t) => [index("wallet_reconciliations_status").on(t.status, t.checkedAt)],
);
