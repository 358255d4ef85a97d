import type { Env } from "../../workers/env";
import type { HistoryEntry } from "../../workers/conversation-engine/engine";
import type { ConversationState } from "../../workers/conversations/state";
import { log } from "../../workers/http/log";
import { callControl } from "../../workers/providers/telephony";
import type { SttFinal } from "../../workers/providers/stt/provider";
import { PHRASES, speakPhrase } from "../../workers/voice/agent/phrase-cache";
import { startAgentTurn, type AgentTurn } from "../../workers/voice/agent/turn";
import { SpeechActivity } from "../../workers/voice/audio/energy";
import { lines } from "../../workers/voice/lines";
import { appendTranscript } from "../../workers/voice/records/transcript";
import { recordTurnLatency } from "../../workers/voice/records/latency";
import type { TranscriptEntry } from "../../workers/voice/records/types";
import { isBargeIn } from "./barge-in";
import { turnLatency } from "./latency";
import type { MonitorMessage } from "./monitor";
import { Pacer } from "./pacer";
import { clearMessage, markMessage, mediaMessage } from "./protocol";
import { SttLink } from "./stt-link";
import { TurnTaking, type TurnAction } from "./turn-taking";
import type { StreamingProviders } from "../../workers/voice/streaming-providers";
import { transferCall, type TransferReason } from "../../workers/voice/transfer";
import { voiceSettings } from "../../workers/voice/voice-settings";
import { HeldSink } from "./held-sink";
import { AudioRecorder } from "./recorder";
import { Speech } from "./speech";
import type { CallInfo, SessionStore } from "./store";

const HISTORY = 20;
/** A pause this long lets the agent start speculatively (the recogniser's endpointing is 300 ms). */
const SPECULATION_PAUSE_MS = 70;
export const DEFAULT_LIMITS = { silenceMs: 8_000, maxCallMs: 15 * 60_000 };
type CallLimits = typeof DEFAULT_LIMITS;

interface RunningTurn {
  turn: AgentTurn;
  speech: Speech;
  callerText: string;
  speculative: boolean;
  release: () => void;
  discard: (reason: Error) => void;
  discarded: boolean;
  /** What the caller heard when they cut in (null: not interrupted). */
  heard: string | null;
  startAt: number;
  endOfSpeechAt: number;
}

export interface LiveCallDeps {
  env: Env;
  ctx: DurableObjectState;
  store: SessionStore;
  info: CallInfo;
  providers: StreamingProviders;
  limits: CallLimits;
  monitor(message: MonitorMessage): void;
  /** The call is over (stop, hang-up): the session writes its records. */
  end(reason: string): void;
}

/**
 * A live streamed call: caller audio to the recogniser, turn-taking (with speculation), the
 * agent's turns and phrases to the pacer, barge-in, DTMF, transfer, silence and length limits.
 * Everything that must outlive the object goes to the store as it happens.
 */
export class LiveCall {
  private socket: WebSocket | null = null;
  private streamSid = "";
  private startedAt = 0;
  private readonly pacer: Pacer;
  private readonly stt: SttLink;
  private readonly vad = new SpeechActivity({ endMs: SPECULATION_PAUSE_MS });
  private readonly turns = new TurnTaking();
  private readonly callerAudio: AudioRecorder;
  private readonly agentAudio: AudioRecorder;
  private current: Speech | null = null;
  private running: RunningTurn | null = null;
  private afterSpeech: { speech: Speech; run: () => void } | null = null;
  private readonly greeting = new HeldSink();
  private greetingDone: Promise<void> = Promise.resolve();
  private lastVoicedAt = 0;
  private sttFinalAt: number | null = null;
  private callerStartMs = 0;
  private silenceTimer: ReturnType<typeof setTimeout> | null = null;
  private maxTimer: ReturnType<typeof setTimeout> | null = null;
  private silencePrompts = 0;
  private closed = false;

  constructor(
    private readonly deps: LiveCallDeps,
    private state: ConversationState,
    private history: HistoryEntry[],
  ) {
    const { store, info } = deps;
    this.callerAudio = new AudioRecorder(store, "caller");
    this.agentAudio = new AudioRecorder(store, "agent");
    this.pacer = new Pacer({ frame: (f) => this.frameOut(f), mark: (name) => this.socket?.send(markMessage(this.streamSid, name)) });
    this.stt = new SttLink(
      deps.providers.stt,
      {
        interim: (text) => this.interim(text),
        final: (segment) => this.final(segment),
        speechStarted: () => this.callerActive(),
        utteranceEnd: () => this.act(this.turns.utteranceEnd(this.agentAudible)),
      },
      info.callId,
    );
  }

  /** While the phone rings: the recogniser's socket and the opening's audio (null: a resumed call, no second greeting). */
  prepare(opening: string | null): Promise<void> {
    // Never aborted: a greeting cut short still finishes synthesising, so the phrase cache keeps it for the next call.
    if (opening !== null)
      this.greetingDone = speakPhrase(
        { env: this.deps.env, tts: this.deps.providers.tts },
        opening,
        this.greeting,
        new AbortController().signal,
      ).catch((err: unknown) =>
        log("warn", "greeting audio failed", { callId: this.deps.info.callId, error: err instanceof Error ? err.message : String(err) }),
      );
    return this.stt.open();
  }

  /** The stream is up (`startedAt`: when it first started; a woken object resumes without a second greeting). */
  start(socket: WebSocket, streamSid: string, startedAt: number, greet: boolean): void {
    this.socket = socket;
    this.streamSid = streamSid;
    this.startedAt = startedAt;
    void this.stt.open();
    this.maxTimer = setTimeout(
      () => this.sayThenHangup(lines.maxLengthGoodbye, "max_length"),
      this.deps.limits.maxCallMs - (Date.now() - this.startedAt),
    );
    if (!greet) {
      this.armSilence();
      return;
    }
    const speech = this.newSpeech("phrase");
    this.greeting.release(speech.sink);
    void this.greetingDone.then(() => this.produced(speech));
  }

  inbound(ulaw: Uint8Array, timestampMs: number): void {
    this.callerAudio.frame(timestampMs, ulaw);
    this.stt.send(ulaw);
    const event = this.vad.push(ulaw);
    if (this.vad.speaking || event === "end") this.lastVoicedAt = Date.now() - (event === "end" ? SPECULATION_PAUSE_MS : 0);
    if (event === "start") {
      this.callerStartMs = this.vad.speechStartMs;
      this.callerActive();
      this.act(this.turns.speechStarted());
    } else if (event === "end") {
      this.speculateWhenSettled();
      this.armSilence();
    }
    if (
      this.vad.speaking &&
      this.agentAudible &&
      isBargeIn({ words: this.turns.text, voicedMs: this.vad.audioMs - this.vad.speechStartMs })
    )
      this.bargeIn();
  }

  mark(name: string): void {
    const speech = this.current;
    if (speech?.playback.echoed(name) && !speech.active) this.finished(speech);
  }

  /** 0 asks for a person; 1–9 answer the agent's numbered choices like the spoken number would. */
  dtmf(digit: string): void {
    this.transcript({ speaker: "caller", text: `Pressed ${digit}`, startMs: this.callMs(), endMs: null, interrupted: false });
    if (digit === "0") return void this.transfer("dtmf");
    if (!/^[1-9]$/.test(digit)) return;
    this.discardSpeculation();
    if (this.current) this.interrupt(this.current);
    this.startTurn(digit, false);
  }

  /** Stops everything live; what was recorded stays in the store. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const timer of [this.silenceTimer, this.maxTimer]) if (timer) clearTimeout(timer);
    this.running?.turn.abort();
    this.current?.controller.abort();
    this.pacer.clear();
    this.callerAudio.flush();
    this.agentAudio.flush();
    log("info", "call audio pacing", { callId: this.deps.info.callId, jitterMs: this.pacer.jitter(), sttReconnects: this.stt.reconnects });
    await this.stt.close();
  }

  get sttReconnects(): number {
    return this.stt.reconnects;
  }

  private get agentAudible(): boolean {
    return this.current !== null && this.current.firstAudioAt !== null && this.current.active;
  }

  private callMs(): number {
    return Date.now() - this.startedAt;
  }

  private frameOut(frame: Uint8Array): void {
    if (!this.socket) return;
    this.socket.send(mediaMessage(this.streamSid, frame));
    this.agentAudio.frame(this.callMs(), frame);
    if (this.current && this.current.firstFrameAt === null && this.current.firstAudioAt !== null) this.current.firstFrameAt = Date.now();
  }

  /** Speculates on the caller's pause, or once the words that arrived just before it settle. */
  private speculateWhenSettled(): void {
    if (this.vad.speaking || !this.socket) return;
    this.act(this.turns.speechEnded(Date.now(), this.agentAudible));
    const wait = this.turns.settlesIn(Date.now());
    if (wait !== null) setTimeout(() => this.speculateWhenSettled(), wait);
  }

  private interim(text: string): void {
    this.deps.monitor({ type: "interim", text });
    this.act(this.turns.interimWords(text, Date.now()));
    if (this.agentAudible && isBargeIn({ words: text, voicedMs: 0 })) this.bargeIn();
  }

  private final(segment: SttFinal): void {
    if (segment.text && this.agentAudible && isBargeIn({ words: segment.text, voicedMs: 0 })) this.bargeIn();
    if (segment.speechFinal) this.sttFinalAt = Date.now();
    this.act(this.turns.final(segment.text, segment.speechFinal, this.agentAudible));
  }

  private callerActive(): void {
    this.silencePrompts = 0;
    if (this.silenceTimer) clearTimeout(this.silenceTimer);
    this.silenceTimer = null;
  }

  private act(actions: TurnAction[]): void {
    for (const action of actions) {
      if (action.type === "speculate") this.startTurn(action.text, true);
      else if (action.type === "cancel") this.discardSpeculation();
      else if (action.type === "confirm" && this.running?.speculative) {
        this.sttFinalAt ??= Date.now();
        this.callerLine(action.text);
        this.running.release();
      } else if (action.type === "start" || action.type === "confirm") {
        this.sttFinalAt ??= Date.now();
        if (this.current) this.interrupt(this.current);
        this.callerLine(action.text);
        this.startTurn(action.text, false);
      }
    }
  }

  private callerLine(text: string): void {
    this.transcript({
      speaker: "caller",
      text,
      startMs: this.callerStartMs,
      endMs: Math.max(this.callerStartMs, this.lastVoicedAt - this.startedAt),
      interrupted: false,
    });
  }

  private startTurn(callerText: string, speculative: boolean): void {
    const speech = this.newSpeech("turn");
    let release: () => void = () => undefined;
    let discard: (reason: Error) => void = () => undefined;
    const gate = speculative ? new Promise<void>((resolve, reject) => ((release = resolve), (discard = reject))) : undefined;
    gate?.catch(() => undefined);
    const { callId: id, tenantId, channelId, fromNumber } = this.deps.info;
    const startAt = Date.now(); // before the call: the agent measures its latencies from its own start
    const turn = startAgentTurn(
      { env: this.deps.env, ctx: this.deps.ctx, tts: this.deps.providers.tts },
      { callerText, history: this.history, state: this.state, call: { id, tenantId, channelId, fromNumber }, gate },
      speech.sink,
    );
    const running: RunningTurn = {
      turn,
      speech,
      callerText,
      speculative,
      release,
      discard,
      discarded: false,
      heard: null,
      startAt,
      endOfSpeechAt: this.lastVoicedAt || Date.now(),
    };
    this.running = running;
    void turn.done.then((outcome) => {
      if (running.discarded) return;
      if (this.running === running) this.running = null;
      this.state = outcome.state;
      const said = running.heard ?? outcome.clauses.join(" ");
      this.history = [
        ...this.history,
        { role: "customer" as const, text: callerText },
        ...(said ? [{ role: "assistant" as const, text: said }] : []),
      ].slice(-HISTORY);
      this.deps.store.conversation(this.state, this.history);
      if (running.heard !== null) return;
      this.produced(speech);
      const latency = turnLatency({
        turn: speech.turn,
        endOfSpeechAt: running.endOfSpeechAt,
        sttFinalAt: this.sttFinalAt,
        turnStartAt: running.startAt,
        speculative,
        ...outcome.latency,
        firstFrameAt: speech.firstFrameAt,
      });
      this.sttFinalAt = null;
      this.deps.monitor({ type: "latency", ...latency });
      this.deps.ctx.waitUntil(
        recordTurnLatency(this.deps.env, { tenantId, callId: id }, latency).catch((err: unknown) =>
          log("warn", "turn latency not stored", { callId: id, error: String(err) }),
        ),
      );
      if (outcome.failed) this.transfer("engine_failure");
      else if (outcome.handoff) this.transfer("caller_asked");
    });
  }

  private discardSpeculation(): void {
    const running = this.running;
    if (!running?.speculative || running.discarded) return;
    running.discarded = true;
    running.discard(new Error("speculation discarded: the caller went on"));
    running.turn.abort();
    running.speech.controller.abort();
    if (this.current === running.speech) this.current = null;
    this.running = null;
  }

  /** The caller cut in: stop the agent, drop Twilio's buffered audio, keep what was heard. */
  private bargeIn(): void {
    const speech = this.current;
    if (!speech) return;
    log("info", "barge-in", { callId: this.deps.info.callId, turn: speech.turn, heardChars: speech.playback.heard().length });
    this.interrupt(speech);
  }

  private interrupt(speech: Speech): void {
    const heard = speech.playback.heard();
    speech.controller.abort();
    if (this.running?.speech === speech) {
      this.running.heard = heard;
      this.running.turn.abort();
    }
    if (speech.queuedBytes > 0) {
      this.pacer.clear();
      this.socket?.send(clearMessage(this.streamSid));
    }
    this.spoke(speech, heard, true);
  }

  /** A speech's audio is all produced: it plays out, then counts as finished. */
  private produced(speech: Speech): void {
    speech.complete();
    if (!speech.active) this.finished(speech);
    else if (this.afterSpeech?.speech === speech) setTimeout(() => this.runAfter(speech), speech.queuedBytes / 8 + 2000); // marks never echoed
  }

  private finished(speech: Speech): void {
    this.spoke(speech, speech.playback.heard(), false);
  }

  private spoke(speech: Speech, text: string, interrupted: boolean): void {
    if (this.current !== speech) return;
    this.current = null;
    if (text) {
      const startMs = (speech.firstFrameAt ?? Date.now()) - this.startedAt;
      this.transcript({ speaker: "agent", text, startMs, endMs: this.callMs(), interrupted });
      if (speech.kind === "phrase") {
        this.history = [...this.history, { role: "assistant" as const, text }].slice(-HISTORY);
        this.deps.store.conversation(this.state, this.history);
      }
    }
    this.runAfter(speech);
    this.armSilence();
  }

  private runAfter(speech: Speech): void {
    if (this.afterSpeech?.speech !== speech) return;
    const { run } = this.afterSpeech;
    this.afterSpeech = null;
    run();
  }

  private newSpeech(kind: "turn" | "phrase"): Speech {
    const speech = new Speech(this.deps.store.nextTurn(), kind, this.pacer);
    this.current = speech;
    return speech;
  }

  private say(text: string, then?: () => void): void {
    if (this.current) this.interrupt(this.current);
    const speech = this.newSpeech("phrase");
    if (then) this.afterSpeech = { speech, run: then };
    speakPhrase({ env: this.deps.env, tts: this.deps.providers.tts }, text, speech.sink, speech.controller.signal)
      .catch((err: unknown) =>
        log("warn", "phrase audio failed", { callId: this.deps.info.callId, error: err instanceof Error ? err.message : String(err) }),
      )
      .finally(() => this.produced(speech));
  }

  private transfer(reason: TransferReason): void {
    const { env, info } = this.deps;
    void voiceSettings(env, info.tenantId).then(({ forwardNumber }) => {
      if (!forwardNumber) return this.say(lines.nobodyFree);
      this.deps.store.endReason(reason);
      this.say(reason === "engine_failure" ? PHRASES.apology : lines.connecting, () => {
        transferCall(env, info, reason, this.state).catch((err: unknown) => {
          log("error", "call transfer failed", { callId: info.callId, reason, error: err instanceof Error ? err.message : String(err) });
          this.say(lines.nobodyFree);
        });
      });
    });
  }

  private sayThenHangup(text: string, reason: string): void {
    this.deps.store.endReason(reason);
    this.say(text, () => {
      callControl(this.deps.env)
        .hangup(this.deps.info.callSid)
        .catch((err: unknown) =>
          log("error", "hang-up failed", {
            callId: this.deps.info.callId,
            reason,
            error: err instanceof Error ? err.message : String(err),
          }),
        )
        .finally(() => this.deps.end(reason));
    });
  }

  /** Nothing from either side for the silence limit: ask once, then say goodbye. */
  private armSilence(): void {
    if (this.silenceTimer) clearTimeout(this.silenceTimer);
    this.silenceTimer = null;
    if (this.closed || this.current || this.running || this.vad.speaking) return;
    this.silenceTimer = setTimeout(() => {
      this.silenceTimer = null;
      if (++this.silencePrompts === 1) this.say(PHRASES.reprompt);
      else this.sayThenHangup(PHRASES.goodbye, "silence");
    }, this.deps.limits.silenceMs);
  }

  private transcript(entry: Omit<TranscriptEntry, "seq">): void {
    const stored = this.deps.store.transcript(entry);
    this.deps.monitor({ type: "transcript", entry: stored });
    const { tenantId, callId } = this.deps.info;
    this.deps.ctx.waitUntil(
      appendTranscript(this.deps.env, { tenantId, callId }, [stored]).catch((err: unknown) =>
        log("warn", "transcript line not stored", { callId, error: String(err) }),
      ),
    );
  }
}
