import { DurableObject } from "cloudflare:workers";
import type { Env } from "../workers/env";
import { tenantInfo } from "../workers/team/tenant-info";
import { log } from "../workers/http/log";
import { callControl } from "../workers/providers/telephony";
import type { MonitorEvent } from "../workers/voice/records/types";
import type { MonitorMessage } from "./call-session/monitor";
import { decodeBase64, parseTwilioMessage, type StartMessage } from "./call-session/protocol";
import { verifyStreamToken } from "../workers/voice/stream-token";
import { openingLine, voiceSettings } from "../workers/voice/voice-settings";
import { PHRASES } from "../workers/voice/agent/phrase-cache";
import { streamingProviders } from "../workers/voice/streaming-providers";
import { callState } from "../workers/voice/voice-turn";
import { finalizeCall } from "./call-session/finalize";
import { DEFAULT_LIMITS, LiveCall } from "./call-session/live-call";
import { SessionStore, type CallInfo } from "./call-session/store";
import { claimTicket, closeBack, closeMemberSockets, memberTag } from "./lib/tickets";

/** How often the watchdog looks at a call, and how long an answered call may wait for its stream. */
const WATCHDOG_MS = 30_000;
const STREAM_WAIT_MS = 120_000;
const FINALIZE_RETRY_MS = 60_000;

type Attachment = { role: "twilio"; callId: string } | { role: "monitor"; tenantId: string };

/**
 * One object per call (named by the call id): the Twilio Media Streams socket and the browser
 * sockets watching the call. Lifecycle: prepare (RPC while the phone rings), connect (stream /
 * monitor), message (the Media Streams protocol), close, alarm (watchdog: a call whose stream
 * is gone, e.g. after an eviction, is finalised from storage), publish (Gather-path events).
 */
export class CallSession extends DurableObject<Env> {
  private readonly store: SessionStore;
  private live: LiveCall | null = null;
  private liveReady: Promise<LiveCall | null> | null = null;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair("ping", "pong"));
    this.store = new SessionStore(ctx.storage.sql);
  }

  // ── start ────────────────────────────────────────────────────────────────────────────

  /** While the phone rings: the recogniser's socket opens and the greeting's audio loads. */
  async prepare(info: CallInfo): Promise<void> {
    this.store.init(info, Date.now());
    if (this.store.call()?.phase !== "prepared") return; // a retried webhook for a call already streaming or ended
    await this.watch();
    await this.liveCall(true);
  }

  // ── connect ──────────────────────────────────────────────────────────────────────────

  override async fetch(request: Request): Promise<Response> {
    if (request.headers.get("Upgrade") !== "websocket") return new Response("Expected a WebSocket upgrade", { status: 426 });
    const [, root, , id] = new URL(request.url).pathname.split("/");
    const callId = decodeURIComponent(id ?? "");
    if (root === "voice") return this.accept({ role: "twilio", callId }, ["twilio"]).response;
    const holder = claimTicket(this.ctx.storage.sql, request);
    if (holder instanceof Response) return holder;
    const row = await this.env.DB.prepare(`SELECT status, mode FROM calls WHERE id = ? AND tenant_id = ?`)
      .bind(callId, holder.tenantId)
      .first<{ status: string; mode: string }>();
    if (!row) return new Response("Call not found", { status: 404 });
    const { response, server } = this.accept({ role: "monitor", tenantId: holder.tenantId }, [
      "monitor",
      memberTag(holder.tenantId, holder.userId),
    ]);
    this.sendTo(server, { type: "snapshot", call: { id: callId, ...row }, transcript: this.store.transcriptEntries() });
    return response;
  }

  private accept(attachment: Attachment, tags: string[]): { response: Response; server: WebSocket } {
    const { 0: client, 1: server } = new WebSocketPair();
    this.ctx.acceptWebSocket(server, tags);
    server.serializeAttachment(attachment);
    return { response: new Response(null, { status: 101, webSocket: client }), server };
  }

  // ── message ──────────────────────────────────────────────────────────────────────────

  override async webSocketMessage(socket: WebSocket, raw: string | ArrayBuffer): Promise<void> {
    const attachment = socket.deserializeAttachment() as Attachment;
    if (attachment.role === "monitor") return;
    const message = parseTwilioMessage(raw, attachment.callId);
    if (!message || message.event === "connected") return;
    if (message.event === "start") return this.streamStarted(socket, attachment.callId, message);
    if (message.event === "stop") return this.end("caller_hangup");
    const live = this.live;
    if (!live || this.store.phase() !== "live")
      return log("warn", "media stream: message before start ignored", { callId: attachment.callId, event: message.event });
    if (message.event === "media") live.inbound(decodeBase64(message.media.payload), message.media.timestamp);
    else if (message.event === "mark") live.mark(message.mark.name);
    else live.dtmf(message.dtmf.digit);
  }

  /** The per-call token (a <Parameter>) is checked here: the first place Twilio sends it. */
  private async streamStarted(socket: WebSocket, callId: string, message: StartMessage): Promise<void> {
    const { customParameters, callSid } = message.start;
    const call = this.store.call();
    if (
      customParameters.callId !== callId ||
      !(await verifyStreamToken(this.env, callId, customParameters.token)) ||
      (call && call.info.callSid !== callSid)
    ) {
      log("warn", "media stream refused: bad call token", { callId, callSid });
      return socket.close(1008, "invalid stream token");
    }
    if (!call && !(await this.adopt(callId, callSid))) return socket.close(1008, "unknown call");
    if (this.store.call()!.phase === "ending" || this.store.call()!.phase === "done") return socket.close(1000, "call ended");
    const resumed = this.store.call()!.phase === "live";
    this.store.started(message.streamSid, Date.now());
    const live = await this.liveCall(!resumed);
    if (!live) return socket.close(1011, "voice providers unavailable");
    live.start(socket, message.streamSid, this.store.call()!.startedAt!, !resumed);
    this.broadcast({ type: "status", status: "in-progress" });
    log("info", "media stream started", { callId, resumed });
    await this.watch();
  }

  /** A stream whose prepare never ran (it failed, or the object was replaced): the call row says who it is. */
  private async adopt(callId: string, callSid: string): Promise<boolean> {
    const row = await this.env.DB.prepare(
      `SELECT tenant_id AS tenantId, channel_id AS channelId, from_number AS fromNumber, to_number AS toNumber FROM calls WHERE id = ? AND call_sid = ? AND status = 'in-progress'`,
    )
      .bind(callId, callSid)
      .first<Omit<CallInfo, "callId" | "callSid">>();
    if (row) this.store.init({ callId, callSid, ...row }, Date.now());
    return row !== null;
  }

  private liveCall(greet: boolean): Promise<LiveCall | null> {
    if (this.live) return Promise.resolve(this.live);
    this.liveReady ??= this.openLive(greet).finally(() => (this.liveReady = null));
    return this.liveReady;
  }

  private async openLive(greet: boolean): Promise<LiveCall | null> {
    const call = this.store.call();
    const providers = streamingProviders(this.env);
    if (!call || !providers) {
      log("error", "call session cannot stream", { callId: call?.info.callId ?? null, providers: providers !== null });
      return null;
    }
    const { info } = call;
    const state =
      call.state ??
      (await callState(this.env, {
        id: info.callId,
        tenantId: info.tenantId,
        channelId: info.channelId,
        fromNumber: info.fromNumber,
        stateJson: null,
        historyJson: "[]",
      }));
    const limits = { ...DEFAULT_LIMITS, ...info.limits };
    const live = new LiveCall(
      {
        env: this.env,
        ctx: this.ctx,
        store: this.store,
        info,
        providers,
        limits,
        monitor: (m) => this.broadcast(m),
        end: (reason) => void this.end(reason),
      },
      state,
      call.history,
    );
    this.live = live;
    const prepared = live.prepare(greet ? await this.opening(info.tenantId) : null);
    await prepared;
    return live;
  }

  /** The call's first words: the recording disclosure (a workspace setting, on by default), then the greeting. */
  private async opening(tenantId: string): Promise<string> {
    const [tenant, settings] = await Promise.all([tenantInfo(this.env, tenantId), voiceSettings(this.env, tenantId)]);
    return openingLine(settings, PHRASES.greeting(tenant.name));
  }

  // ── close ────────────────────────────────────────────────────────────────────────────

  override async webSocketClose(socket: WebSocket, code: number): Promise<void> {
    const attachment = socket.deserializeAttachment() as Attachment;
    closeBack(socket, code);
    if (attachment.role === "twilio" && this.store.call()?.phase === "live" && !this.otherStream(socket)) await this.end("stream_lost");
  }

  override async webSocketError(socket: WebSocket): Promise<void> {
    const attachment = socket.deserializeAttachment() as Attachment;
    if (attachment.role === "twilio" && this.store.call()?.phase === "live" && !this.otherStream(socket)) await this.end("stream_lost");
  }

  /** A watcher's access changed: their monitor sockets close (never the call's own stream). */
  closeMember(tenantId: string, userId: string): number {
    return closeMemberSockets(this.ctx, tenantId, userId);
  }

  private otherStream(socket: WebSocket): boolean {
    return this.ctx.getWebSockets("twilio").some((s) => s !== socket && s.readyState === WebSocket.OPEN);
  }

  /** Ends the call once, whichever path gets here first, and writes its records. */
  private async end(reason: string): Promise<void> {
    if (!this.store.claimEnding(reason)) return;
    const live = this.live;
    this.live = null;
    await live?.close();
    this.broadcast({ type: "status", status: "ended" });
    await this.finalize();
  }

  private async finalize(): Promise<void> {
    const callId = this.store.call()?.info.callId ?? null;
    try {
      await finalizeCall(this.env, this.ctx, this.store);
      await this.ctx.storage.deleteAlarm();
    } catch (err) {
      log("error", "call records not written; retrying", { callId, error: err instanceof Error ? err.message : String(err) });
      await this.ctx.storage.setAlarm(Date.now() + FINALIZE_RETRY_MS);
    }
  }

  // ── alarm: the watchdog ─────────────────────────────────────────────────────────────

  override async alarm(): Promise<void> {
    const call = this.store.call();
    if (!call || call.phase === "done") return;
    if (call.phase === "ending") return this.finalize();
    const now = Date.now();
    const streams = this.ctx.getWebSockets("twilio").filter((s) => s.readyState === WebSocket.OPEN);
    if (call.phase === "live" && (!streams.length || !this.live)) {
      // The object restarted (its sockets are gone with it) or the stream vanished without a close.
      for (const s of streams) s.close(1011, "call session restarted");
      return this.end("stream_lost");
    }
    if (call.phase === "prepared" && now - call.preparedAt > STREAM_WAIT_MS) return this.end("stream_never_started");
    const maxCallMs = call.info.limits?.maxCallMs ?? DEFAULT_LIMITS.maxCallMs;
    if (call.phase === "live" && call.startedAt !== null && now - call.startedAt > maxCallMs + WATCHDOG_MS) {
      await callControl(this.env)
        .hangup(call.info.callSid)
        .catch((err: unknown) => log("error", "hang-up failed", { callId: call.info.callId, error: String(err) }));
      return this.end("max_length");
    }
    await this.watch();
  }

  private async watch(): Promise<void> {
    await this.ctx.storage.setAlarm(Date.now() + WATCHDOG_MS);
  }

  // ── publish ──────────────────────────────────────────────────────────────────────────

  /** A Gather-path event for this call's monitors (its transcript lines join the snapshot). */
  async publish(event: MonitorEvent): Promise<number> {
    if (event.type === "transcript") this.store.transcript(event.entry);
    return this.broadcast(event);
  }

  private broadcast(message: MonitorMessage): number {
    let delivered = 0;
    for (const socket of this.ctx.getWebSockets("monitor")) if (this.sendTo(socket, message)) delivered++;
    return delivered;
  }

  private sendTo(socket: WebSocket, message: MonitorMessage): boolean {
    try {
      socket.send(JSON.stringify(message));
      return true;
    } catch {
      return false; // closed mid-broadcast; the runtime drops it
    }
  }
}
