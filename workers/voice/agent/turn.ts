import type { Env, WaitUntil } from "../../env";
import { aroundTools } from "../../conversation-engine/around-tools";
import type { EngineTools, HistoryEntry } from "../../conversation-engine/engine";
import type { ConversationState } from "../../conversations/state";
import { log } from "../../http/log";
import { abortable } from "../../lib/abortable";
import type { TtsProvider } from "../../providers/tts/provider";
import { runCallerTurn } from "../caller-turn";
import { spokenChoices } from "../speech";
import { clauseSplitter, clausesOf } from "./clauses";
import { SLOW_TOOL_MS, fillerWatch } from "./filler";
import { phraseAudio, type AgentSink } from "./phrase-cache";
import { createSpeaker } from "./speaker";

/** An engine that produces nothing this long (no text, no tool starting or ending) has failed: the caller is not left waiting. */
const ENGINE_IDLE_MS = 6_000;

export interface AgentTurnDeps {
  env: Env;
  ctx: WaitUntil;
  tts: TtsProvider;
  timing?: { slowToolMs?: number; engineIdleMs?: number };
}

export interface AgentTurnInput {
  callerText: string;
  history: HistoryEntry[];
  state: ConversationState;
  call: { id: string; tenantId: string; channelId: string; fromNumber: string };
  /** Speculation: until this resolves, audio is held back and no tool writes; a rejection discards the turn (as abort() does). */
  gate?: Promise<void>;
}

export interface AgentTurnOutcome {
  /** What reached the sink, fillers included, in order. */
  clauses: string[];
  /** The state after the turn (the input's is left untouched, so a discarded turn changes nothing). */
  state: ConversationState;
  handoff: boolean;
  /** The engine threw or stalled: apologise and transfer. */
  failed: boolean;
  /** From the call to startAgentTurn. */
  latency: { llmFirstTokenMs: number | null; ttsFirstByteMs: number | null };
}

export interface AgentTurn {
  done: Promise<AgentTurnOutcome>;
  /** Stops the engine and the speech requests; the sink hears nothing more. */
  abort(): void;
}

/**
 * The agent's spoken turn: the engine streams its reply, each clause goes to text-to-speech the
 * moment it is complete, and the audio reaches the sink in order while the engine may still be
 * writing (or waiting on a tool, covered by a filler when slow).
 */
export function startAgentTurn(deps: AgentTurnDeps, input: AgentTurnInput, sink: AgentSink): AgentTurn {
  if (input.state.tenantId !== input.call.tenantId) throw new Error("the conversation state belongs to another workspace than the call");
  const started = Date.now();
  const since = () => Date.now() - started;
  const turnControl = new AbortController();
  const engineControl = new AbortController(); // also stopped alone when the engine stalls
  turnControl.signal.addEventListener("abort", () => engineControl.abort(turnControl.signal.reason));
  const state = structuredClone(input.state);
  const gate = input.gate ?? Promise.resolve();
  gate.catch((reason: unknown) => turnControl.abort(reason)); // a refused gate discards the turn, like abort()
  const latency: AgentTurnOutcome["latency"] = { llmFirstTokenMs: null, ttsFirstByteMs: null };

  const speaker = createSpeaker({
    sink,
    gate,
    signal: turnControl.signal,
    synthesize: (text, signal) => deps.tts.synthesize(text, signal),
    onFirstSynthesisedAudio: () => (latency.ttsFirstByteMs ??= since()),
    callId: input.call.id,
  });
  const splitter = clauseSplitter();
  const stall = idleDeadline(deps.timing?.engineIdleMs ?? ENGINE_IDLE_MS, () => engineControl.abort(new Error("the engine stalled")));
  // A speculative turn may wait on its gate as long as the caller talks: the engine's clock starts when it opens.
  gate.then(stall.start, () => undefined);
  const filler = fillerWatch(
    (text) => speaker.say(text, (signal) => phraseAudio(deps, text, signal)),
    deps.timing?.slowToolMs ?? SLOW_TOOL_MS,
  );
  let streamed = false;
  const onText = (delta: string) => {
    if (engineControl.signal.aborted) return;
    stall.reset();
    filler.textArrived();
    streamed = true;
    latency.llmFirstTokenMs ??= since();
    for (const piece of splitter.push(delta)) speaker.say(piece);
  };
  const tools = (own: EngineTools) =>
    aroundTools(own, async (name, call) => {
      stall.reset();
      filler.toolStarted(name);
      try {
        return await call();
      } finally {
        stall.reset();
      }
    });

  const done = (async (): Promise<AgentTurnOutcome> => {
    let failed = false;
    try {
      const turn = runCallerTurn(deps.env, deps.ctx, {
        state,
        history: input.history,
        text: input.callerText,
        onText,
        signal: engineControl.signal,
        commit: gate,
        tools,
      });
      const result = await abortable(turn, engineControl.signal);
      latency.llmFirstTokenMs ??= since(); // an engine that does not stream: its whole reply is its first text
      for (const piece of splitter.flush()) speaker.say(piece);
      // Streamed words were spoken as they came; then the choices, one clause each.
      for (const reply of result.replies)
        for (const piece of [...(streamed ? [] : clausesOf(reply.text)), ...spokenChoices(reply.choices)]) speaker.say(piece);
    } catch (error) {
      if (!turnControl.signal.aborted) {
        failed = true;
        log("warn", "agent turn failed", {
          callId: input.call.id,
          tenantId: input.call.tenantId,
          error: error instanceof Error ? error.message : String(error),
        });
      }
    } finally {
      stall.stop();
      filler.textArrived();
      speaker.close();
    }
    await speaker.finished;
    const aborted = turnControl.signal.aborted;
    log("info", "agent turn", {
      callId: input.call.id,
      tenantId: input.call.tenantId,
      clauses: speaker.spoken.length,
      failed,
      aborted,
      ...latency,
    });
    return { clauses: [...speaker.spoken], state, handoff: state.stage === "handoff", failed, latency };
  })();

  return { done, abort: () => turnControl.abort(new Error("agent turn aborted")) };
}

/** Calls `onIdle` when `ms` pass without a reset, from start() until stop(). */
function idleDeadline(ms: number, onIdle: () => void) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let phase: "waiting" | "running" | "stopped" = "waiting";
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(onIdle, ms);
  };
  return {
    start() {
      if (phase !== "waiting") return;
      phase = "running";
      arm();
    },
    reset() {
      if (phase === "running") arm();
    },
    stop() {
      phase = "stopped";
      clearTimeout(timer);
    },
  };
}
