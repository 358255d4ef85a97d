import type { Env, WaitUntil } from "../env";
import { publishActivity } from "../activity";
import type { HistoryEntry } from "../conversation-engine/engine";
import { engineFor } from "../conversation-engine";
import type { ChannelRow } from "./channels";
import { consentKeyword, recordConsent } from "./consent";
import type { InboundMessage } from "./inbound";
import { ensureLead, leadAccess } from "./lead-sync";
import { tenantInfo } from "../team/tenant-info";
import { storeInboundMedia } from "./media";
import { queueOutbound } from "./outbound";
import { renderReply } from "./render";
import type { ConversationState } from "./state";
import { type MessageRow, messageRow, recordInbound, setMessagePayload, updateConversation } from "./store";
import { type MediaUnderstanding, understandMedia } from "./understand-media";
import { conversationTools } from "./tools";
import { watchForPerson } from "../notifications/conversation-turn";

export interface TurnDeps {
  env: Env;
  ctx: WaitUntil;
  state: ConversationState;
  history: HistoryEntry[];
  /** Persists the state at once (a lead id must survive a crash later in the turn). */
  save(): void;
  now(): number;
}

const preview = (text: string) => text.replace(/\s+/g, " ").slice(0, 140);

/**
 * One customer message: stored, media fetched, consent words honoured, the lead created or
 * updated, and — unless a person has taken over — the engine's replies queued. Replies carry
 * idempotency keys derived from the provider message id, so a retried turn sends nothing twice.
 */
export async function handleCustomerMessage(
  deps: TurnDeps,
  channel: ChannelRow,
  item: InboundMessage,
): Promise<{ replies: string[]; said: string }> {
  const { env, ctx, state } = deps;
  const now = deps.now();
  const { content } = item;
  const inbound = messageRow({
    tenantId: state.tenantId,
    conversationId: state.conversationId,
    direction: "in",
    author: "customer",
    kind: content.kind,
    body: content.text || `[${content.kind}]`,
    payload: content.location ? { location: content.location } : content.choiceId ? { choiceId: content.choiceId } : null,
    providerMessageId: item.providerMessageId,
    status: "received",
    createdAt: now,
  });
  await recordInbound(env, inbound);
  const target = { tenantId: state.tenantId, channel, to: state.contactAddress, conversationId: state.conversationId };
  const media = await readMedia(env, state, channel, inbound, item);
  const said = media?.text ?? content.text;
  if (item.profileName && !state.contactName) state.contactName = item.profileName;
  const touched = {
    lastInboundAt: now,
    lastMessageAt: now,
    lastMessagePreview: preview(said || inbound.body),
    contactName: state.contactName,
  };

  // Reactions, system notices and types this app does not read are kept, not answered.
  if (content.kind === "unsupported") {
    await updateConversation(env, state.tenantId, state.conversationId, touched);
    return { replies: [], said };
  }
  const consent = consentKeyword(content.text, state.channel === "sms" ? "sms" : "whatsapp", state.optedOut);
  if (consent) {
    await recordConsent(env, { tenantId: state.tenantId, address: state.contactAddress, channel: state.channel, ...consent });
    state.optedOut = consent.action === "opt_out";
    if (!state.optedOut)
      await queueOutbound(
        env,
        target,
        { body: "You're subscribed again. How can we help?", payload: null, kind: "text" },
        { idempotencyKey: `reply:${item.providerMessageId}:0`, author: "system" },
      );
    await updateConversation(env, state.tenantId, state.conversationId, touched);
    return { replies: [], said };
  }
  if (state.optedOut) {
    await updateConversation(env, state.tenantId, state.conversationId, touched);
    return { replies: [], said };
  }

  const leads = await leadAccess(env, state.tenantId, state.channel);
  await ensureLead(env, ctx, leads, state, said);
  deps.save();
  if (state.mode === "human") {
    publishActivity(env, ctx, state.tenantId, {
      type: "conversation.message",
      actor: { id: null, name: state.contactName ?? state.contactAddress },
    });
    await updateConversation(env, state.tenantId, state.conversationId, { ...touched, leadId: state.leadId });
    return { replies: [], said };
  }

  // A photo's acknowledgement goes before the engine's answer; a voice note nobody could hear, or a
  // photo with nothing to read, is answered by its media line alone.
  const mediaLine = media?.answer ?? media?.ack;
  const before = mediaLine ? [mediaLine] : [];
  if (mediaLine)
    await queueOutbound(
      env,
      target,
      { body: mediaLine, payload: null, kind: "text" },
      { idempotencyKey: `reply:${item.providerMessageId}:media`, author: "ai" },
    );
  if (media?.answer) {
    await updateConversation(env, state.tenantId, state.conversationId, { ...touched, leadId: state.leadId });
    return { replies: before, said };
  }

  const { engine, settings } = await engineFor(env, state.tenantId);
  const watch = watchForPerson(conversationTools({ env, ctx, state, leads, now: deps.now }));
  const result = await engine.turn(
    {
      tenantName: leads.tenant.name,
      channel: state.channel,
      message: { text: said, choiceId: content.choiceId, location: content.location },
      history: deps.history,
      state,
      settings,
      timeZone: leads.tenant.timeZone,
    },
    watch.tools,
  );
  const kind = channel.kind === "whatsapp" ? "whatsapp" : "sms";
  for (const [i, reply] of result.replies.entries()) {
    await queueOutbound(env, target, renderReply(kind, reply), { idempotencyKey: `reply:${item.providerMessageId}:${i}`, author: "ai" });
  }
  const last = result.replies.at(-1);
  await updateConversation(env, state.tenantId, state.conversationId, {
    ...touched,
    ...(last ? { lastMessagePreview: preview(last.text) } : {}),
    leadId: state.leadId,
    bookingId: state.booking?.id ?? null,
    stage: state.stage,
    mode: state.mode,
  });
  // After the row says "handoff", so the waiting count the alert publishes includes it.
  await watch.after(env, state, item.providerMessageId, result.engine, said);
  return { replies: [...before, ...result.replies.map((r) => r.text)], said };
}

/** The media downloaded to R2, then read: the transcript or description joins the message for the thread. */
async function readMedia(
  env: Env,
  state: ConversationState,
  channel: ChannelRow,
  inbound: MessageRow,
  { content, providerMessageId }: InboundMessage,
): Promise<MediaUnderstanding | null> {
  if (!content.media) return null;
  const ref = { tenantId: state.tenantId, conversationId: state.conversationId, messageId: inbound.id, via: channel.kind };
  const file = await storeInboundMedia(env, ref, content.media);
  if (content.kind !== "audio" && content.kind !== "image") return null;
  const media = await understandMedia(env, {
    tenantId: state.tenantId,
    company: (await tenantInfo(env, state.tenantId)).name,
    messageId: providerMessageId,
    kind: content.kind,
    caption: content.text,
    file,
    jobKnown: !!state.job.description || !!state.job.trade,
  });
  if (media.payload) await setMessagePayload(env, state.tenantId, inbound.id, media.payload);
  return media;
}
