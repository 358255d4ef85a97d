import { describe, expect, it } from "vitest";
import type { ConversationEngine, EngineTools, TurnInput } from "./engine";
import { CircuitBreaker, ResilientEngine } from "./resilient";

const input = {} as TurnInput;
const tools = {} as EngineTools;

function engines(failures: { remaining: number }) {
  const calls = { primary: 0, fallback: 0 };
  const primary: ConversationEngine = {
    name: "claude",
    async turn() {
      calls.primary++;
      if (failures.remaining-- > 0) throw new Error("overloaded");
      return { replies: [{ text: "from claude" }], engine: "claude" };
    },
  };
  const fallback: ConversationEngine = {
    name: "local",
    async turn() {
      calls.fallback++;
      return { replies: [{ text: "from local" }], engine: "local" };
    },
  };
  return { primary, fallback, calls };
}

describe("unit: Claude's safety net", () => {
  it("retries with exponential backoff and answers once the primary recovers", async () => {
    const sleeps: number[] = [];
    const { primary, fallback, calls } = engines({ remaining: 2 });
    const engine = new ResilientEngine(primary, fallback, new CircuitBreaker(), {
      retries: 2,
      baseDelayMs: 100,
      timeoutMs: 1000,
      sleep: async (ms) => void sleeps.push(ms),
    });
    expect(await engine.turn(input, tools)).toEqual({ replies: [{ text: "from claude" }], engine: "claude" });
    expect(sleeps).toEqual([100, 200]);
    expect(calls).toEqual({ primary: 3, fallback: 0 });
  });

  it("falls back to the local engine when every attempt fails or times out", async () => {
    const { primary, fallback } = engines({ remaining: 99 });
    const engine = new ResilientEngine(primary, fallback, new CircuitBreaker(), { retries: 1, baseDelayMs: 1, timeoutMs: 1000 });
    expect(await engine.turn(input, tools)).toEqual({ replies: [{ text: "from local" }], engine: "local (fallback)" });
    const slow: ConversationEngine = { name: "claude", turn: () => new Promise(() => undefined) };
    const timed = new ResilientEngine(slow, fallback, new CircuitBreaker(), { retries: 0, baseDelayMs: 1, timeoutMs: 20 });
    expect((await timed.turn(input, tools)).engine).toBe("local (fallback)");
  });

  it("opens after 5 consecutive failures for 30 s, then lets one trial through", async () => {
    let now = 0;
    const breaker = new CircuitBreaker(5, 30_000, () => now);
    const failures = { remaining: 5 };
    const { primary, fallback, calls } = engines(failures);
    const engine = new ResilientEngine(primary, fallback, breaker, { retries: 0, baseDelayMs: 1, timeoutMs: 1000 });
    for (let i = 0; i < 5; i++) await engine.turn(input, tools);
    expect(breaker.isOpen).toBe(true);
    expect(calls.primary).toBe(5);
    await engine.turn(input, tools);
    expect(calls).toEqual({ primary: 5, fallback: 6 }); // open: Claude is not even tried
    now += 29_999;
    expect(breaker.isOpen).toBe(true);
    now += 1;
    expect((await engine.turn(input, tools)).engine).toBe("claude"); // the trial succeeds and closes it
    expect(breaker.isOpen).toBe(false);
  });

  it("an aborted turn is neither retried nor answered by the fallback", async () => {
    const { fallback, calls } = engines({ remaining: 0 });
    let seen: AbortSignal | undefined;
    const hanging: ConversationEngine = {
      name: "claude",
      turn: (turnInput) =>
        new Promise(
          (_, reject) => ((seen = turnInput.signal), turnInput.signal!.addEventListener("abort", () => reject(turnInput.signal!.reason))),
        ),
    };
    const engine = new ResilientEngine(hanging, fallback, new CircuitBreaker(), { retries: 2, baseDelayMs: 1, timeoutMs: 1000 });
    const controller = new AbortController();
    const turn = engine.turn({ signal: controller.signal } as TurnInput, tools);
    controller.abort(new Error("barge-in"));
    await expect(turn).rejects.toThrow("barge-in");
    expect(seen!.aborted).toBe(true);
    expect(calls.fallback).toBe(0);
  });

  it("does not answer twice once words were streamed, and a timed-out attempt stops streaming", async () => {
    const { fallback, calls } = engines({ remaining: 0 });
    let attempts = 0;
    const breaksMidway: ConversationEngine = {
      name: "claude",
      async turn(turnInput) {
        attempts++;
        turnInput.onText!("Thanks, ");
        throw new Error("stream dropped");
      },
    };
    const deltas: string[] = [];
    const engine = new ResilientEngine(breaksMidway, fallback, new CircuitBreaker(), { retries: 2, baseDelayMs: 1, timeoutMs: 1000 });
    await expect(engine.turn({ onText: (d: string) => void deltas.push(d) } as TurnInput, tools)).rejects.toThrow("stream dropped");
    expect({ attempts, deltas, fallback: calls.fallback }).toEqual({ attempts: 1, deltas: ["Thanks, "], fallback: 0 });

    let attemptSignal: AbortSignal | undefined;
    const slow: ConversationEngine = {
      name: "claude",
      turn: (turnInput) => ((attemptSignal = turnInput.signal), new Promise(() => undefined)),
    };
    const timed = new ResilientEngine(slow, fallback, new CircuitBreaker(), { retries: 0, baseDelayMs: 1, timeoutMs: 20 });
    expect((await timed.turn({} as TurnInput, tools)).engine).toBe("local (fallback)");
    expect(attemptSignal!.aborted).toBe(true);
  });
});
