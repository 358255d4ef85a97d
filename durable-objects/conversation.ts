import { DurableObject } from "cloudflare:workers";
import type { Env } from "../workers/env";
import type { HistoryEntry, JobDetails } from "../workers/conversation-engine/engine";
import { channelById, type ChannelRow } from "../workers/conversations/channels";
import type { InboundItem, InboundMessage, InboundStatus } from "../workers/conversations/inbound";
import { contactPhone } from "../workers/conversations/lead-sync";
import { tenantInfo } from "../workers/team/tenant-info";
import { initialState, type ConversationState } from "../workers/conversations/state";
import { applyDeliveryStatus, openConversation, updateConversation } from "../workers/conversations/store";
import { handleCustomerMessage } from "../workers/conversations/turn";
import { queueOutbound } from "../workers/conversations/outbound";
import { outboxById, sendTemplateInstead } from "../workers/conversations/window";
import { WINDOW_CLOSED } from "../workers/providers/whatsapp/provider";
import { agentReply, type AgentReplyInput, type AgentReplyResult } from "../workers/conversations/agent";
import { alertMessageFailed, failedMessage } from "../workers/notifications/alerts";

const HISTORY = 20;
const TEAM_NOTES = 5;

export interface ReachOut {
  tenantId: string;
  channelId: string;
  contactAddress: string;
  text: string;
  idempotencyKey: string;
  job?: JobDetails;
}

export interface Delivery {
  tenantId: string;
  channelId: string;
  item: InboundItem;
}

/**
 * One per contact on a channel (named tenant:channel:contact). Everything about that contact —
 * inbound messages, delivery statuses, take-over, agent replies — runs here one at a time, in
 * arrival order. SQLite keeps the state machine, the last 20 messages and every provider
 * message id already handled, so a duplicate delivery has no second effect.
 */
export class Conversation extends DurableObject<Env> {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.storage.sql.exec(`
      CREATE TABLE IF NOT EXISTS state (id INTEGER PRIMARY KEY CHECK (id = 1), json TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS handled (provider_id TEXT PRIMARY KEY, at INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS history (seq INTEGER PRIMARY KEY AUTOINCREMENT, role TEXT NOT NULL, text TEXT NOT NULL);
    `);
  }

  static key(tenantId: string, channelId: string, contactAddress: string): string {
    return `${tenantId}:${channelId}:${contactAddress}`;
  }

  /** An inbound message or status; `duplicate` when this provider id was handled before. */
  async deliver(delivery: Delivery): Promise<{ duplicate: boolean; replies: string[] }> {
    return this.serialized(async () => {
      const { item } = delivery;
      if (item.type === "status") {
        await this.applyStatus(delivery.tenantId, item);
        return { duplicate: false, replies: [] };
      }
      if (this.handled(item.providerMessageId)) return { duplicate: true, replies: [] };
      const channel = await channelById(this.env, delivery.tenantId, delivery.channelId);
      if (!channel) throw new Error(`channel ${delivery.channelId} is gone`);
      const state = this.state() ?? (await this.start(channel, item));
      const history = this.history();
      const { replies, said } = await handleCustomerMessage(
        { env: this.env, ctx: this.ctx, state, history, save: () => this.save(state), now: Date.now },
        channel,
        item,
      );
      this.ctx.storage.transactionSync(() => {
        this.save(state);
        this.ctx.storage.sql.exec(`INSERT INTO handled (provider_id, at) VALUES (?, ?)`, item.providerMessageId, Date.now());
        this.remember([
          { role: "customer", text: said || `[${item.content.kind}]` },
          ...replies.map((text) => ({ role: "assistant" as const, text })),
        ]);
      });
      return { duplicate: false, replies };
    });
  }

  /** Take over ("human": the engine stays quiet) or hand back to the AI. */
  async setMode(mode: "ai" | "human", userId: string | null): Promise<ConversationState | null> {
    return this.serialized(async () => {
      const state = this.state();
      if (!state) return null;
      state.mode = mode;
      if (mode === "ai" && state.stage === "handoff") state.stage = state.booking ? "booked" : "collecting";
      this.save(state);
      await updateConversation(this.env, state.tenantId, state.conversationId, {
        mode,
        stage: state.stage,
        takenOverBy: mode === "human" ? userId : null,
      });
      return state;
    });
  }

  /** A booking made, moved or cancelled from the app: the state machine follows it. */
  async bookingChanged(booking: ConversationState["booking"]): Promise<void> {
    return this.serialized(async () => {
      const state = this.state();
      if (!state) return;
      state.booking = booking;
      if (state.stage !== "handoff") state.stage = booking ? "booked" : "collecting";
      this.save(state);
      await updateConversation(this.env, state.tenantId, state.conversationId, { bookingId: booking?.id ?? null, stage: state.stage });
    });
  }

  async reply(input: AgentReplyInput): Promise<AgentReplyResult> {
    return this.serialized(async () => {
      const state = this.state();
      if (!state) return { ok: false, reason: "not_found" };
      const result = await agentReply(this.env, state, input);
      if (result.ok && !input.template) {
        // Both engines read what the team said: in the history, and as notes the AI stands by after a hand-back.
        this.remember([{ role: "team", text: result.text }]);
        state.teamNotes = [...(state.teamNotes ?? []), { text: result.text, at: Date.now() }].slice(-TEAM_NOTES);
        this.save(state);
      }
      return result;
    });
  }

  /**
   * The business writes first (a missed call's text-back): the thread opens — or continues —
   * with `text`, and the customer's reply is an ordinary turn. `job` is what a call already
   * learned, kept where the conversation knows less. Once per `idempotencyKey`.
   */
  async reachOut(input: ReachOut): Promise<{ conversationId: string; queued: boolean }> {
    return this.serialized(async () => {
      const channel = await channelById(this.env, input.tenantId, input.channelId);
      if (!channel) throw new Error(`channel ${input.channelId} is gone`);
      const state = this.state() ?? (await this.start(channel, { from: input.contactAddress }));
      state.job = { ...input.job, ...state.job };
      this.save(state);
      const target = { tenantId: state.tenantId, channel, to: state.contactAddress, conversationId: state.conversationId };
      const sent = await queueOutbound(
        this.env,
        target,
        { body: input.text, payload: null, kind: "text" },
        { idempotencyKey: input.idempotencyKey, author: "ai" },
      );
      if (sent.queued) this.remember([{ role: "assistant", text: input.text }]);
      const now = Date.now();
      await updateConversation(this.env, state.tenantId, state.conversationId, {
        lastMessageAt: now,
        lastMessagePreview: input.text.slice(0, 140),
      });
      return { conversationId: state.conversationId, queued: sent.queued };
    });
  }

  private async applyStatus(tenantId: string, status: InboundStatus): Promise<void> {
    const message = await applyDeliveryStatus(this.env, tenantId, status);
    if (message?.outboxId && status.status === "failed") {
      const refused = await outboxById(this.env, tenantId, message.outboxId);
      if (refused && status.errorCode === WINDOW_CLOSED) await sendTemplateInstead(this.env, refused);
      else if (refused)
        await alertMessageFailed(this.env, failedMessage(refused, status.errorCode ? `Provider error ${status.errorCode}` : null));
    }
  }

  private async start(channel: ChannelRow, item: Pick<InboundMessage, "from" | "profileName">): Promise<ConversationState> {
    const tenant = await tenantInfo(this.env, channel.tenantId);
    const via = item.from.startsWith("whatsapp:") || channel.kind === "whatsapp" ? "whatsapp" : "sms";
    const init = {
      tenantId: channel.tenantId,
      channelId: channel.id,
      channel: via,
      contactAddress: item.from,
      contactPhone: contactPhone(item.from, tenant.country),
      contactName: item.profileName ?? null,
    } as const;
    const row = await openConversation(this.env, { ...init, now: Date.now() });
    const state = initialState({ ...init, conversationId: row.id });
    this.save(state);
    return state;
  }

  private serialized<T>(work: () => Promise<T>): Promise<T> {
    const run = this.tail.then(work, work);
    this.tail = run.catch(() => undefined);
    return run;
  }

  private state(): ConversationState | null {
    const [row] = this.ctx.storage.sql.exec<{ json: string }>(`SELECT json FROM state WHERE id = 1`).toArray();
    return row ? (JSON.parse(row.json) as ConversationState) : null;
  }

  private save(state: ConversationState): void {
    this.ctx.storage.sql.exec(
      `INSERT INTO state (id, json) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET json = excluded.json`,
      JSON.stringify(state),
    );
  }

  private handled(providerId: string): boolean {
    return this.ctx.storage.sql.exec(`SELECT 1 FROM handled WHERE provider_id = ?`, providerId).toArray().length > 0;
  }

  private history(): HistoryEntry[] {
    return this.ctx.storage.sql
      .exec<{ role: string; text: string }>(`SELECT role, text FROM history ORDER BY seq DESC LIMIT ?`, HISTORY)
      .toArray()
      .reverse()
      .map((row) => ({ role: row.role as HistoryEntry["role"], text: row.text }));
  }

  private remember(entries: HistoryEntry[]): void {
    for (const entry of entries) this.ctx.storage.sql.exec(`INSERT INTO history (role, text) VALUES (?, ?)`, entry.role, entry.text);
    this.ctx.storage.sql.exec(`DELETE FROM history WHERE seq <= (SELECT max(seq) FROM history) - ?`, HISTORY);
  }
}
