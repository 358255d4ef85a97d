import type { Env, WaitUntil } from "../env";
import { publishToMonitor } from "./records/monitor";
import { appendTranscript, nextTranscriptSeq } from "./records/transcript";
import type { TranscriptEntry } from "./records/types";

export interface SpokenLine {
  speaker: TranscriptEntry["speaker"];
  text: string;
  /** When the line was heard or answered (epoch ms). */
  at: number;
}

/**
 * The Gather path's transcript: each webhook turn appends what the caller said and what the
 * agent answers, timed from the call's start, and shows them on the live monitor. Twilio's
 * speech result carries no timings, so a line's time is when its request arrived or answered.
 */
export async function recordGatherLines(
  env: Env,
  ctx: WaitUntil,
  call: { id: string; tenantId: string; startedAt: number },
  lines: SpokenLine[],
): Promise<void> {
  const spoken = lines.filter((line) => line.text.trim());
  if (!spoken.length) return;
  const ref = { tenantId: call.tenantId, callId: call.id };
  const first = await nextTranscriptSeq(env, ref);
  const entries: TranscriptEntry[] = spoken.map((line, i) => ({
    seq: first + i,
    speaker: line.speaker,
    text: line.text.trim(),
    startMs: Math.max(0, line.at - call.startedAt),
    endMs: null,
    interrupted: false,
  }));
  await appendTranscript(env, ref, entries);
  ctx.waitUntil(publishInOrder(env, call.id, entries));
}

async function publishInOrder(env: Env, callId: string, entries: TranscriptEntry[]): Promise<void> {
  for (const entry of entries) await publishToMonitor(env, callId, { type: "transcript", entry });
}
