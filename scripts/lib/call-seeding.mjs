// A finished voice call for the browser test: the call row, its transcript and summary in D1,
// and its recording in local R2 (a 16-bit stereo 8 kHz WAV, the CallSession's format).
import { randomUUID } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { insertStatements } from "./seed-sql.mjs";
import { run } from "./toolchain.mjs";

const RATE = 8000;

/** `seconds` of a soft tone for the caller and silence for the agent. */
function stereoTone(seconds) {
  const frames = seconds * RATE;
  const wav = Buffer.alloc(44 + frames * 4);
  wav.write("RIFF", 0);
  wav.writeUInt32LE(36 + frames * 4, 4);
  wav.write("WAVEfmt ", 8);
  wav.writeUInt32LE(16, 16);
  wav.writeUInt16LE(1, 20);
  wav.writeUInt16LE(2, 22);
  wav.writeUInt32LE(RATE, 24);
  wav.writeUInt32LE(RATE * 4, 28);
  wav.writeUInt16LE(4, 32);
  wav.writeUInt16LE(16, 34);
  wav.write("data", 36);
  wav.writeUInt32LE(frames * 4, 40);
  for (let i = 0; i < frames; i++) wav.writeInt16LE(Math.round(3000 * Math.sin((2 * Math.PI * 440 * i) / RATE)), 44 + i * 4);
  return wav;
}

export const SEEDED_CALL = {
  from: "+15125550166",
  summary:
    "Emergency plumbing job at 12 Oak Street, Austin, 78704 for Maria Garcia: Water pouring through the kitchen ceiling. Booked Mon 9:00 AM with Pat Plumber.",
  transcript: [
    ["agent", "Thanks for calling. What can we help with?", 0],
    ["caller", "Water is pouring through my kitchen ceiling!", 2400],
    ["agent", "That sounds urgent. What's the address?", 4100],
  ],
  seconds: 6,
};

/** Writes the call for `tenantId` (the workspace's first channel) into the local state at `stateDir`; returns its id. */
export async function seedFinishedCall(d1, stateDir, tenantId) {
  const [channel] = await d1.query(`SELECT id, address FROM channels WHERE tenant_id = '${tenantId}' LIMIT 1`);
  const id = `call_e2e${randomUUID().replace(/-/g, "").slice(0, 20)}`;
  const key = `recordings/${tenantId}/${id}.wav`;
  const started = Date.now() - 10 * 60_000;
  const c = SEEDED_CALL;
  const sql = [
    ...insertStatements(
      "calls",
      [
        "id",
        "tenant_id",
        "call_sid",
        "channel_id",
        "from_number",
        "to_number",
        "status",
        "outcome",
        "mode",
        "started_at",
        "ended_at",
        "duration_seconds",
        "billed_minutes",
        "cost_credits",
        "summary",
        "qualification_score",
        "recording_key",
        "recording_seconds",
        "created_at",
        "updated_at",
      ],
      [
        [
          id,
          tenantId,
          `CA${id}`,
          channel?.id ?? "chn_e2e",
          c.from,
          channel?.address ?? "+15125550100",
          "completed",
          "completed",
          "stream",
          started,
          started + c.seconds * 1000,
          c.seconds,
          1,
          24,
          c.summary,
          100,
          key,
          c.seconds,
          started,
          started,
        ],
      ],
    ),
    ...insertStatements(
      "call_transcript",
      ["tenant_id", "call_id", "seq", "speaker", "text", "start_ms", "end_ms", "interrupted"],
      c.transcript.map(([speaker, text, at], seq) => [tenantId, id, seq, speaker, text, at, at + 1500, 0]),
    ),
    ...insertStatements(
      "call_turn_latency",
      [
        "tenant_id",
        "call_id",
        "turn",
        "stt_final_ms",
        "llm_first_token_ms",
        "tts_first_byte_ms",
        "first_frame_ms",
        "overhead_ms",
        "speculative",
        "created_at",
      ],
      [[tenantId, id, 1, 300, 350, 425, 560, 9, 1, started]],
    ),
  ];
  const dir = await mkdtemp(join(tmpdir(), "homeline-call-"));
  try {
    await writeFile(join(dir, "seed.sql"), sql.join("\n"));
    await d1.executeFile(join(dir, "seed.sql"));
    await writeFile(join(dir, "call.wav"), stereoTone(c.seconds));
    await run(
      "wrangler",
      [
        "r2",
        "object",
        "put",
        `homeline-media/${key}`,
        "--file",
        join(dir, "call.wav"),
        "--content-type",
        "audio/wav",
        "--local",
        "--persist-to",
        stateDir,
      ],
      { capture: true },
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return id;
}
