import { describe, expect, it } from "vitest";
import type { SttListener, SttProvider, SttStream } from "../../workers/providers/stt/provider";
import { KEEPALIVE_MS, SttLink } from "./stt-link";

/** A recogniser double: records what each socket received and lets the test drop it. */
function provider(failFirst = 0) {
  const sockets: { sent: number[]; keepAlives: number; open: boolean; listener: SttListener }[] = [];
  let failures = failFirst;
  const p: SttProvider = {
    name: "double",
    async connect(listener) {
      if (failures-- > 0) throw new Error("connect refused");
      const socket = { sent: [] as number[], keepAlives: 0, open: true, listener };
      sockets.push(socket);
      const stream: SttStream = {
        get open() {
          return socket.open;
        },
        send: (bytes) => socket.sent.push(bytes[0]!),
        finalize: () => undefined,
        keepAlive: () => socket.keepAlives++,
        close: async () => void (socket.open = false),
      };
      return stream;
    },
  };
  return { p, sockets };
}
const listener = { interim: () => undefined, final: () => undefined, speechStarted: () => undefined, utteranceEnd: () => undefined };
const frame = (n: number) => new Uint8Array([n]);
const tick = () => new Promise((r) => setTimeout(r, 0));

describe("recognition socket link", () => {
  it("buffers audio until open, then replays it in order", async () => {
    const { p, sockets } = provider();
    const link = new SttLink(p, listener, "call_t");
    link.send(frame(1));
    link.send(frame(2));
    await link.open();
    link.send(frame(3));
    expect(sockets[0]!.sent).toEqual([1, 2, 3]);
  });

  it("opening again while open keeps the one socket (ringing, then the stream's start)", async () => {
    const { p, sockets } = provider();
    const link = new SttLink(p, listener, "call_t");
    await link.open();
    await link.open();
    link.send(frame(1));
    expect(sockets).toHaveLength(1);
    expect(sockets[0]!.sent).toEqual([1]);
  });

  it("a close reported by a socket that was already replaced changes nothing", async () => {
    const { p, sockets } = provider();
    const link = new SttLink(p, listener, "call_t");
    await link.open();
    sockets[0]!.open = false;
    sockets[0]!.listener.closed(false, "dropped");
    await tick();
    sockets[0]!.listener.closed(false, "late duplicate close");
    await tick();
    expect(link.reconnects).toBe(1);
    expect(sockets).toHaveLength(2);
    link.send(frame(7));
    expect(sockets[1]!.sent).toEqual([7]);
  });

  it("a dropped socket reconnects and nothing sent meanwhile is lost", async () => {
    const { p, sockets } = provider();
    const link = new SttLink(p, listener, "call_t");
    await link.open();
    link.send(frame(1));
    sockets[0]!.open = false;
    sockets[0]!.listener.closed(false, "1011 internal error");
    link.send(frame(2));
    link.send(frame(3));
    await tick();
    expect(link.reconnects).toBe(1);
    expect(sockets).toHaveLength(2);
    expect(sockets[1]!.sent).toEqual([2, 3]);
    link.send(frame(4));
    expect(sockets[1]!.sent).toEqual([2, 3, 4]);
    await link.close();
    sockets[1]!.listener.closed(true, "closed by us");
    expect(sockets).toHaveLength(2);
  });

  it("retries a failed connect with backoff", async () => {
    const { p, sockets } = provider(2);
    const link = new SttLink(p, listener, "call_t");
    await link.open();
    expect(sockets).toHaveLength(1);
    expect(link.connected).toBe(true);
  });

  it("keeps an idle socket alive", async () => {
    const { p, sockets } = provider();
    let now = 0;
    const timers: (() => void)[] = [];
    const link = new SttLink(p, listener, "call_t", { now: () => now, later: (fn) => timers.push(fn), cancel: () => undefined });
    await link.open();
    now = KEEPALIVE_MS;
    timers.shift()!();
    expect(sockets[0]!.keepAlives).toBe(1);
    link.send(frame(1));
    now += 100;
    timers.shift()!();
    expect(sockets[0]!.keepAlives).toBe(1); // audio flowed: no keep-alive needed
  });
});
