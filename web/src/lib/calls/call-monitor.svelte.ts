import type { TranscriptLine } from "../api/types";
import { LiveSocket } from "../live-socket.svelte";
import type { MonitorMessage } from "../../../../durable-objects/call-session/monitor";

/**
 * One call's live view over /ws/calls/:id: the transcript as it grows (each seq once, in
 * order, so a reconnect's snapshot and live lines merge) and what the caller is saying now.
 */
export class CallMonitor {
  transcript = $state.raw<TranscriptLine[]>([]);
  interim = $state("");
  status = $state("in-progress");
  #live: LiveSocket;

  constructor(callId: string) {
    this.#live = new LiveSocket("calls", (message: MonitorMessage) => this.#receive(message), callId);
  }

  get connection() {
    return this.#live.state;
  }

  start(): void {
    this.#live.start();
  }

  stop(): void {
    this.#live.stop();
  }

  #receive(message: MonitorMessage): void {
    if (message.type === "snapshot") {
      this.status = message.call.status;
      this.#merge(message.transcript);
    } else if (message.type === "transcript") {
      this.#merge([message.entry]);
      if (message.entry.speaker === "caller") this.interim = "";
    } else if (message.type === "interim") this.interim = message.text;
    else if (message.type === "status") this.status = message.status;
  }

  #merge(lines: TranscriptLine[]): void {
    const bySeq = new Map(this.transcript.map((line) => [line.seq, line]));
    for (const line of lines) bySeq.set(line.seq, line);
    this.transcript = [...bySeq.values()].sort((a, b) => a.seq - b.seq);
  }
}
