import { DurableObject } from "cloudflare:workers";
import type { Env } from "../workers/env";
import type { DomainEvent } from "../workers/events/domain";
import { log } from "../workers/http/log";
import { accepted, type Outcome } from "../workers/wallet/outcome";
import { totals } from "../workers/wallet/pools";
import { projectEntries } from "../workers/wallet/projection";
import { accountView, entryJson, type AccountView, type EntryData, type EntryView, type HoldView } from "../workers/wallet/views";
import type { AutoRecharge, AutoSpend } from "../workers/wallet/model";
import { saveScore } from "../workers/quests/scores";
import { claimTicket, closeBack, closeMemberSockets, memberTag } from "./lib/tickets";
import { LedgerStore, type LedgerFilter } from "./wallet/ledger-store";
import { MoneyBook, type CaptureResult, type CreditInput, type SpendInput } from "./wallet/money";
import { QuestBook, type QuestSnapshot } from "./wallet/quest-book";
import { readMeta, WALLET_SCHEMA, writeMeta } from "./wallet/schema";
import { userZone } from "./wallet/time-zone";
import { userWallet } from "./stubs";
import { newId } from "../workers/lib/ids";
import { alertWalletLow } from "../workers/notifications/alerts";

/** Ledger entries reach D1 in batches this long after they are written. */
const FLUSH_DELAY_MS = 500;
const FLUSH_BATCH = 200;
const FLUSH_RETRY_MS = 30_000;

/**
 * One per user (keyed by user id). It holds the money of the workspaces the user pays for
 * (ledger, holds, budgets, settings), the user's points, quests and streak in each workspace,
 * and the live sockets of everyone who spends from its money. Every write is synchronous from
 * check to commit, so the object serializes them; changes fan out to sockets right after.
 *
 * Lifecycle: start (schema, ping auto-response, alarm time), connect (ticket, snapshot), money
 * and quest calls (RPC), broadcast, alarm (hold expiry + D1 projection), close.
 */
export class Wallet extends DurableObject<Env> {
  private readonly store: LedgerStore;
  private readonly money: MoneyBook;
  private readonly quests: QuestBook;
  private alarmAt: number | null = null;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair("ping", "pong"));
    ctx.storage.sql.exec(WALLET_SCHEMA);
    this.store = new LedgerStore(ctx.storage.sql);
    this.money = new MoneyBook(this.store, ctx.storage);
    this.quests = new QuestBook(ctx.storage.sql, ctx.storage);
    void ctx.blockConcurrencyWhile(async () => {
      this.alarmAt = await ctx.storage.getAlarm();
    });
  }

  // ── money ────────────────────────────────────────────────────────────────────────────

  account(tenantId: string): AccountView {
    const state = this.money.account(tenantId);
    return accountView(state.pools, state.autoSpend, state.autoRecharge, state.recharge);
  }

  credit(tenantId: string, input: CreditInput): Outcome<EntryView> {
    return this.changed(tenantId, this.money.credit(tenantId, input, Date.now()), (entry) => [entry]);
  }

  debit(tenantId: string, input: SpendInput): Outcome<EntryView> {
    return this.changed(tenantId, this.money.debit(tenantId, input, Date.now()), (entry) => [entry]);
  }

  hold(tenantId: string, input: SpendInput & { ttlMs?: number }): Outcome<{ hold: HoldView; entry: EntryView }> {
    const outcome = this.changed(tenantId, this.money.hold(tenantId, input, Date.now()), (held) => [held.entry]);
    if (outcome.ok && !outcome.replayed) this.wakeAt(outcome.value.hold.expiresAt);
    return outcome;
  }

  capture(
    tenantId: string,
    holdId: string,
    input: { credits: number; quantity?: number | null; actorId?: string | null },
  ): Outcome<CaptureResult> {
    return this.changed(tenantId, this.money.capture(tenantId, holdId, input, Date.now()), (r) =>
      r.release ? [r.capture, r.release] : [r.capture],
    );
  }

  release(tenantId: string, holdId: string, actorId: string | null): Outcome<EntryView> {
    return this.changed(tenantId, this.money.release(tenantId, holdId, { actorId }, Date.now()), (entry) => [entry]);
  }

  getHold(tenantId: string, holdId: string): HoldView | null {
    const hold = this.store.hold(tenantId, holdId);
    if (!hold) return null;
    const { tenantId: _, reservation, ...view } = hold;
    return view;
  }

  refund(tenantId: string, input: { reference: string; cumulative: number; data?: EntryData }): Outcome<EntryView | null> {
    return this.changed(tenantId, this.money.refund(tenantId, input, Date.now()), (entry) => (entry ? [entry] : []));
  }

  adjust(tenantId: string, input: { key: string; credits: number; reason: string; actorId: string | null }): Outcome<EntryView> {
    return this.changed(tenantId, this.money.adjust(tenantId, input, Date.now()), (entry) => [entry]);
  }

  configure(tenantId: string, input: { autoSpend?: AutoSpend; autoRecharge?: AutoRecharge; actorId: string }): AccountView {
    const entry = this.money.configure(tenantId, input, Date.now());
    this.changed(tenantId, accepted(entry), (e) => (e ? [e] : []));
    return this.account(tenantId);
  }

  settleRecharge(
    tenantId: string,
    key: string,
    result: { ok: true; credits: number; reference: string } | { ok: false; message: string },
  ): Outcome<EntryView | null> {
    return this.changed(tenantId, this.money.settleRecharge(tenantId, key, result, Date.now()), (entry) => (entry ? [entry] : []));
  }

  ledger(tenantId: string, filter: LedgerFilter) {
    return this.store.page(tenantId, filter);
  }

  spend(tenantId: string, from: number, to: number) {
    return this.store.spend(tenantId, from, to);
  }

  /** The balance, the sum of the entries, and what the D1 projection should hold (entries up to the flush cursor). */
  reconcile(tenantId: string) {
    const { pools } = this.money.account(tenantId);
    const projectedSeq = Number(readMeta(this.ctx.storage.sql, "projected_seq") ?? 0);
    return { ...totals(pools), ...this.store.sums(tenantId, projectedSeq), projectedSeq };
  }

  // ── quests ───────────────────────────────────────────────────────────────────────────

  async recordEvents(
    userId: string,
    tenantId: string,
    events: DomainEvent[],
  ): Promise<{ changed: boolean; milestones: string[]; snapshot: QuestSnapshot }> {
    const zone = await userZone(this.env, this.ctx.storage.sql, userId, tenantId);
    const now = Date.now();
    const { changed, milestones } = this.quests.record(userId, tenantId, events, zone, now);
    const snapshot = this.quests.snapshot(userId, tenantId, zone, now);
    if (changed) {
      const version = Number(readMeta(this.ctx.storage.sql, "score_version") ?? 0) + 1;
      writeMeta(this.ctx.storage.sql, "score_version", String(version));
      await saveScore(this.env, {
        tenantId,
        userId,
        points: snapshot.points,
        streak: snapshot.streak.current,
        bestStreak: snapshot.streak.best,
        version,
      });
    }
    return { changed, milestones, snapshot };
  }

  async questSnapshot(userId: string, tenantId: string): Promise<QuestSnapshot> {
    return this.quests.snapshot(userId, tenantId, await userZone(this.env, this.ctx.storage.sql, userId, tenantId), Date.now());
  }

  pointsLedger(tenantId: string, limit: number, before?: number) {
    return this.quests.points(tenantId, limit, before);
  }

  /** The user chose a time zone (stored in D1 by the Worker): forget the cached one. */
  timeZoneChanged(): void {
    this.ctx.storage.sql.exec(`DELETE FROM meta WHERE key LIKE 'zone:%'`);
  }

  // ── sockets ──────────────────────────────────────────────────────────────────────────

  /** Connect: a member of a workspace this object pays for, with a single-use ticket. */
  override async fetch(request: Request): Promise<Response> {
    const holder = claimTicket(this.ctx.storage.sql, request);
    if (holder instanceof Response) return holder;
    // Read before accepting, so nothing can reach the socket ahead of its snapshot.
    const quests = await this.questsOf(holder.userId, holder.tenantId);
    const { 0: client, 1: server } = new WebSocketPair();
    this.ctx.acceptWebSocket(server, [holder.tenantId, memberTag(holder.tenantId, holder.userId)]);
    server.serializeAttachment(holder);
    server.send(JSON.stringify({ type: "snapshot", wallet: this.account(holder.tenantId), quests }));
    return new Response(null, { status: 101, webSocket: client });
  }

  /** Sends to one member's sockets (quests) or every socket of the workspace; returns how many. */
  push(tenantId: string, message: unknown, userId?: string): number {
    return this.send(this.ctx.getWebSockets(userId ? memberTag(tenantId, userId) : tenantId), message);
  }

  /** The member's access changed: their sockets here close. */
  closeMember(tenantId: string, userId: string): number {
    return closeMemberSockets(this.ctx, tenantId, userId);
  }

  private send(sockets: WebSocket[], message: unknown): number {
    const text = JSON.stringify(message);
    let delivered = 0;
    for (const socket of sockets) {
      try {
        socket.send(text);
        delivered++;
      } catch {
        // A socket that closed mid-broadcast; the runtime drops it.
      }
    }
    return delivered;
  }

  override async webSocketMessage(socket: WebSocket, message: string | ArrayBuffer): Promise<void> {
    if (message !== "snapshot") return;
    const { userId, tenantId } = socket.deserializeAttachment() as { userId: string; tenantId: string };
    socket.send(JSON.stringify({ type: "snapshot", wallet: this.account(tenantId), quests: await this.questsOf(userId, tenantId) }));
  }

  override async webSocketClose(socket: WebSocket, code: number): Promise<void> {
    closeBack(socket, code);
  }

  // ── alarm: hold expiry and the D1 projection ────────────────────────────────────────

  override async alarm(): Promise<void> {
    this.alarmAt = null;
    const now = Date.now();
    for (const hold of this.store.dueHolds(now)) {
      this.changed(hold.tenantId, this.money.release(hold.tenantId, hold.id, { expired: true }, now), (entry) => [entry]);
    }
    await this.flush();
    const nextHold = this.store.nextHoldExpiry();
    if (nextHold !== null) this.wakeAt(nextHold);
  }

  private async flush(): Promise<void> {
    for (;;) {
      const cursor = Number(readMeta(this.ctx.storage.sql, "projected_seq") ?? 0);
      const entries = this.store.after(cursor, FLUSH_BATCH);
      if (!entries.length) return;
      try {
        await projectEntries(this.env, entries);
      } catch (err) {
        log("warn", "wallet projection flush failed; retrying", { error: err instanceof Error ? err.message : String(err) });
        this.wakeAt(Date.now() + FLUSH_RETRY_MS);
        return;
      }
      writeMeta(this.ctx.storage.sql, "projected_seq", String(entries.at(-1)!.seq));
    }
  }

  /** Keeps the earliest of the wake-ups asked for (one alarm per object). */
  private wakeAt(at: number): void {
    if (this.alarmAt !== null && this.alarmAt <= at) return;
    this.alarmAt = at;
    void this.ctx.storage.setAlarm(at);
  }

  /**
   * After a write: every socket of the workspace gets the new balance within the same turn,
   * the projection is scheduled, and a spend below the threshold may start an auto-recharge.
   */
  private changed<T>(tenantId: string, outcome: Outcome<T>, entriesOf: (value: T) => EntryView[]): Outcome<T> {
    if (!outcome.ok || outcome.replayed) return outcome;
    const entries = entriesOf(outcome.value);
    const sockets = this.ctx.getWebSockets(tenantId);
    if (sockets.length) this.send(sockets, { type: "wallet", wallet: this.account(tenantId), entries: entries.map(entryJson) });
    if (entries.length) this.wakeAt(Date.now() + FLUSH_DELAY_MS);
    this.watchLowBalance(tenantId);
    const attemptKey = this.money.startRecharge(tenantId, Date.now());
    if (attemptKey) this.ctx.waitUntil(this.env.EVENTS.send({ kind: "wallet.recharge", tenantId, attemptKey }, { contentType: "json" }));
    return outcome;
  }

  /**
   * Falling below the low mark (the auto-recharge threshold) alerts the workspace once; the
   * next alert waits until the balance has been back above it.
   */
  private watchLowBalance(tenantId: string): void {
    const state = this.money.account(tenantId);
    const { available } = totals(state.pools);
    const { threshold } = state.autoRecharge;
    const flag = `low_alerted:${tenantId}`;
    const alerted = readMeta(this.ctx.storage.sql, flag);
    if (available >= threshold) {
      if (alerted) writeMeta(this.ctx.storage.sql, flag, "");
      return;
    }
    if (alerted) return;
    const key = newId("low");
    writeMeta(this.ctx.storage.sql, flag, key);
    this.ctx.waitUntil(alertWalletLow(this.env, { tenantId, available, threshold, key }));
  }

  private async questsOf(userId: string, tenantId: string): Promise<QuestSnapshot> {
    if (this.ctx.id.equals(this.env.WALLET.idFromName(userId))) return this.questSnapshot(userId, tenantId);
    return userWallet(this.env, userId).questSnapshot(userId, tenantId);
  }
}
