// Pure types: the web app imports this file too.
import type { MonitorEvent, TranscriptEntry, TurnLatency } from "../../workers/voice/records/types";

/** What a /ws/calls/:id socket receives: a snapshot on connect, then live events. */
export type MonitorMessage =
  | MonitorEvent
  | { type: "interim"; text: string }
  | ({ type: "latency" } & TurnLatency)
  | { type: "snapshot"; call: { id: string; status: string; mode: string }; transcript: TranscriptEntry[] };
