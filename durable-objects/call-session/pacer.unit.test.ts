import { describe, expect, it } from "vitest";
import { FRAME_BYTES, Pacer, type PacerClock } from "./pacer";

/** A clock the test moves by hand; timers fire as time passes. */
function manualClock() {
  let now = 1000;
  let timers: { at: number; fn: () => void; id: number }[] = [];
  let ids = 0;
  const clock: PacerClock = {
    now: () => now,
    later: (fn, ms) => {
      timers.push({ at: now + ms, fn, id: ++ids });
      return ids;
    },
    cancel: (id) => (timers = timers.filter((t) => t.id !== id)),
  };
  const advance = (ms: number) => {
    const end = now + ms;
    for (;;) {
      const next = timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!next) break;
      timers = timers.filter((t) => t !== next);
      now = next.at;
      next.fn();
    }
    now = end;
  };
  return { clock, advance };
}

function recorder() {
  const log: (string | number)[] = [];
  return { log, out: { frame: (f: Uint8Array) => log.push(f.length), mark: (name: string) => log.push(name) } };
}

describe("outbound pacer", () => {
  it("sends 20 ms frames in real time after a small lead, marks after their bytes", () => {
    const { clock, advance } = manualClock();
    const { log, out } = recorder();
    const pacer = new Pacer(out, clock);
    pacer.push(new Uint8Array(FRAME_BYTES * 10));
    pacer.mark("a");
    expect(log).toEqual([160, 160, 160, 160]); // the lead goes out at once
    advance(20);
    expect(log).toHaveLength(5);
    advance(100);
    expect(log.filter((x) => x === 160)).toHaveLength(10);
    expect(log.at(-1)).toBe("a");
    expect(pacer.idle).toBe(true);
    expect(pacer.jitter()).toMatchObject({ frames: 10, max: 0 });
  });

  it("cuts uneven chunks into whole frames and pads the last one on flush", () => {
    const { clock, advance } = manualClock();
    const frames: Uint8Array[] = [];
    const pacer = new Pacer({ frame: (f) => frames.push(f), mark: () => undefined }, clock);
    pacer.push(new Uint8Array(100).fill(1));
    pacer.push(new Uint8Array(100).fill(2));
    expect(frames).toHaveLength(1);
    expect(frames[0]!.slice(99, 101)).toEqual(new Uint8Array([1, 2]));
    pacer.flush();
    advance(100);
    expect(frames).toHaveLength(2);
    expect(frames[1]!.slice(39, 41)).toEqual(new Uint8Array([2, 0xff]));
  });

  it("a mark waits for the frame holding its last byte", () => {
    const { clock } = manualClock();
    const { log, out } = recorder();
    const pacer = new Pacer(out, clock);
    pacer.push(new Uint8Array(250));
    pacer.mark("chunk");
    expect(log).toEqual([160]);
    pacer.push(new Uint8Array(70));
    expect(log).toEqual([160, 160, "chunk"]);
  });

  it("clear drops queued frames and marks", () => {
    const { clock, advance } = manualClock();
    const { log, out } = recorder();
    const pacer = new Pacer(out, clock);
    pacer.push(new Uint8Array(FRAME_BYTES * 50));
    pacer.mark("never");
    pacer.clear();
    advance(2000);
    expect(log).toEqual([160, 160, 160, 160]);
    expect(pacer.idle).toBe(true);
    pacer.push(new Uint8Array(FRAME_BYTES));
    pacer.mark("next");
    expect(log.slice(4)).toEqual([160, "next"]);
  });

  it("measures lateness when the timer fires late", () => {
    let now = 0;
    let pending: (() => void) | null = null;
    const frames: number[] = [];
    const pacer = new Pacer(
      { frame: () => frames.push(now), mark: () => undefined },
      { now: () => now, later: (fn) => (pending = fn), cancel: () => (pending = null) },
    );
    pacer.push(new Uint8Array(FRAME_BYTES * 6));
    now = 25; // slot 4 was due at 20
    pending!();
    expect(pacer.jitter().max).toBe(5);
  });

  it("works on the runtime's clock", async () => {
    const sent: number[] = [];
    const pacer = new Pacer({ frame: () => sent.push(performance.now()), mark: () => undefined });
    pacer.push(new Uint8Array(FRAME_BYTES * 8));
    await new Promise((r) => setTimeout(r, 150));
    expect(sent).toHaveLength(8);
    expect(sent.at(-1)! - sent[0]!).toBeGreaterThanOrEqual(70); // 4 lead frames, then 4 paced
  });
});
