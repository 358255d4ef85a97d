/** Which call a record belongs to: every write is scoped by the tenant as well as the call. */
export interface CallRef {
  tenantId: string;
  callId: string;
}

/** One utterance; times are ms since the call started. */
export interface TranscriptEntry {
  seq: number;
  speaker: "caller" | "agent" | "system";
  text: string;
  startMs: number;
  endMs: number | null;
  /** An agent line cut off by the caller: the text is what Twilio confirmed was played. */
  interrupted: boolean;
}

/** What the call monitor (/ws/calls/:id) shows, as the CallSession sends it to browsers. */
export type MonitorEvent = { type: "transcript"; entry: TranscriptEntry } | { type: "status"; status: string };

/** One turn's stages, in ms after the caller's end of speech (null: the stage did not happen). */
export interface TurnLatency {
  turn: number;
  sttFinalMs: number | null;
  llmFirstTokenMs: number | null;
  ttsFirstByteMs: number | null;
  firstFrameMs: number | null;
  overheadMs: number | null;
  speculative: boolean;
}
