import { describe, expect, it } from "vitest";
import type { AgentSink } from "./phrase-cache";
import { createSpeaker } from "./speaker";

const after = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Speech whose first audio comes after `firstMs` (per text), in three chunks tagged with the text. */
function speech(firstMs: Record<string, number>, started: string[]) {
  return async function* (text: string, signal: AbortSignal): AsyncIterable<Uint8Array> {
    started.push(text);
    await after(firstMs[text] ?? 5);
    for (let i = 0; i < 3 && !signal.aborted; i++) {
      yield new TextEncoder().encode(`${text}#${i}`);
      await after(5);
    }
  };
}

function recorder() {
  const events: string[] = [];
  const sink: AgentSink = {
    clause: (text, index) => events.push(`clause ${index} ${text}`),
    audio: (chunk, index) => events.push(`audio ${index} ${new TextDecoder().decode(chunk)}`),
  };
  return { events, sink };
}

describe("unit: speaker (ordered clause audio)", () => {
  it("requests every clause at once but plays them strictly in order", async () => {
    const started: string[] = [];
    const { events, sink } = recorder();
    const speaker = createSpeaker({
      sink,
      gate: Promise.resolve(),
      signal: new AbortController().signal,
      synthesize: speech({ first: 80, second: 1 }, started),
      callId: "CA1",
    });
    speaker.say("first");
    speaker.say("second");
    expect(started).toEqual(["first", "second"]); // the second request did not wait for the first clause
    speaker.close();
    await speaker.finished;
    expect(events).toEqual([
      "clause 0 first",
      "audio 0 first#0",
      "audio 0 first#1",
      "audio 0 first#2",
      "clause 1 second",
      "audio 1 second#0",
      "audio 1 second#1",
      "audio 1 second#2",
    ]);
    expect(speaker.spoken).toEqual(["first", "second"]);
  });

  it("holds everything back until the gate opens, and drops it all when the gate is refused", async () => {
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const held = recorder();
    const speaker = createSpeaker({
      sink: held.sink,
      gate,
      signal: new AbortController().signal,
      synthesize: speech({}, []),
      callId: "CA2",
    });
    speaker.say("hello");
    speaker.close();
    await after(60);
    expect(held.events).toEqual([]);
    open();
    await speaker.finished;
    expect(held.events).toEqual(["clause 0 hello", "audio 0 hello#0", "audio 0 hello#1", "audio 0 hello#2"]);

    const refused = recorder();
    const discarded = createSpeaker({
      sink: refused.sink,
      gate: Promise.reject(new Error("caller went on")),
      signal: new AbortController().signal,
      synthesize: speech({}, []),
      callId: "CA3",
    });
    discarded.say("hello");
    discarded.close();
    await discarded.finished;
    expect(refused.events).toEqual([]);
  });

  it("goes quiet the moment it is aborted, and skips a clause whose speech failed", async () => {
    const control = new AbortController();
    const { events, sink } = recorder();
    const failing = async function* (text: string, signal: AbortSignal): AsyncIterable<Uint8Array> {
      if (text === "broken") throw new Error("TTS 500");
      yield* speech({}, [])(text, signal);
    };
    const speaker = createSpeaker({
      sink: { ...sink, audio: (chunk, index) => (sink.audio(chunk, index), index === 1 && control.abort()) },
      gate: Promise.resolve(),
      signal: control.signal,
      synthesize: failing,
      callId: "CA4",
    });
    speaker.say("broken");
    speaker.say("fine");
    speaker.say("never");
    await speaker.finished;
    expect(events).toEqual(["clause 0 broken", "clause 1 fine", "audio 1 fine#0"]);
  });
});
