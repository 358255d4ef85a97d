// Voice benchmarks: streamed calls over /voice/stream against the voice rig (its own npm run serve
// and the Deepgram, ElevenLabs and Claude fakes at published latencies: STT final 300 ms after
// speech ends, first token 350 ms, first TTS byte 75 ms — 725 ms in sequence). The client is
// scripts/lib/media-stream-client.mjs, speaking Media Streams as Twilio does.
import { mediaStreamCall } from "../scripts/lib/media-stream-client.mjs";
import { startVoiceRig } from "../scripts/lib/voice-rig.mjs";
import { bookingCallLines } from "../scripts/lib/voice-fixtures.mjs";
import { ascending, percentile } from "./stats.mjs";

/** Percentile of an unsorted list; null when there is nothing to measure (the JSON says so). */
const percentileOf = (values, p) => (values.length ? percentile(ascending(values), p) : null);
const providerSum = (latency) => latency.sttFinalMs + latency.llmFirstTokenMs + latency.ttsFirstByteMs;

/** `options` go to startVoiceRig (a pinned port and state directory, say). */
async function withRig(options, run) {
  const rig = await startVoiceRig({ ...options, log: (line) => console.log(`  ${line}`) });
  try {
    return await run(rig);
  } finally {
    await rig.stop();
  }
}

function call(rig, lines, index) {
  return mediaStreamCall({
    baseUrl: rig.url,
    authToken: rig.authToken,
    from: `+1512555${String(1000 + index).slice(-4)}`,
    to: rig.to,
    lines,
    beforeStream: (c) => rig.prepareCall(c, lines),
  });
}

/**
 * Caller's last speech frame → the agent's first audio frame, per turn of whole booking calls
 * placed one after another; our overhead is that minus the providers' 725 ms (speculation can
 * make it negative).
 */
export async function voiceToVoice(_context, { calls = 4, rig: rigOptions = {} } = {}) {
  return withRig(rigOptions, async (rig) => {
    const lines = bookingCallLines();
    const measured = [];
    const serverOverhead = [];
    for (let i = 0; i < calls; i++) {
      const result = await call(rig, lines, i);
      measured.push(...result.turns.map((t) => t.voiceToVoiceMs).filter((ms) => ms !== null && ms !== undefined));
      const record = await rig.callRecord(result.parameters.callId);
      serverOverhead.push(...(record?.latency?.turns ?? []).map((t) => t.overheadMs).filter((ms) => typeof ms === "number"));
    }
    const overhead = measured.map((ms) => ms - providerSum(rig.latency));
    const p50 = percentileOf(measured, 50);
    const overheadP95 = percentileOf(overhead, 95);
    return {
      name: "voice-to-voice",
      title: "Streamed call: caller's last frame → agent's first frame",
      load: `${calls} booking calls of ${lines.length} caller turns, one at a time, fake providers at published latencies`,
      parameters: { calls, turnsPerCall: lines.length, providerLatencyMs: rig.latency, providerSumMs: providerSum(rig.latency) },
      figures: {
        turnsMeasured: measured.length,
        turnsUnanswered: calls * lines.length - measured.length,
        voiceToVoiceMs: { p50, p95: percentileOf(measured, 95), min: percentileOf(measured, 0), max: percentileOf(measured, 100) },
        overheadMs: { p50: percentileOf(overhead, 50), p95: overheadP95 },
        serverReportedOverheadMs: serverOverhead.length
          ? { p50: percentileOf(serverOverhead, 50), p95: percentileOf(serverOverhead, 95) }
          : null,
      },
      summary: measured.length
        ? `voice-to-voice p50 ${p50} ms · p95 ${percentileOf(measured, 95)} ms · overhead p95 ${overheadP95} ms (providers ${providerSum(rig.latency)} ms)`
        : "no turn was answered",
      target: {
        description: "voice-to-voice p50 ≤ 600 ms; overhead (measured − provider latencies) p95 ≤ 15 ms",
        p50Ms: 600,
        overheadP95Ms: 15,
      },
      met: measured.length === calls * lines.length && p50 <= 600 && overheadP95 <= 15,
    };
  });
}

/**
 * 50 calls at once: how evenly the agent's audio is paced (each frame's arrival against the
 * previous frame's length, within a burst) and whether every caller frame reached the server
 * (frames sent − the frames the CallSession counted, from GET /api/v1/calls/:id).
 */
export async function voiceConcurrency(_context, { calls = 50, rig: rigOptions = {} } = {}) {
  return withRig(rigOptions, async (rig) => {
    const lines = bookingCallLines().slice(0, 3);
    const results = await Promise.all(
      Array.from({ length: calls }, (_, i) => call(rig, lines, i).catch((err) => ({ error: err.message }))),
    );
    const completed = results.filter((r) => !r.error);
    const jitter = completed.flatMap((r) => r.jitterMs.lateMs);
    const gapDeviation = completed.flatMap((r) => r.jitterMs.gapDeviationMs);
    const records = await Promise.all(completed.map((r) => rig.callRecord(r.parameters.callId)));
    const counted = records.filter((r) => typeof r?.inboundFrames === "number");
    const framesSent = completed.reduce((n, r) => n + r.framesSent, 0);
    const dropped = counted.length === completed.length ? framesSent - counted.reduce((n, r) => n + r.inboundFrames, 0) : null;
    const p99 = percentileOf(jitter, 99);
    return {
      name: "voice-concurrency",
      title: `${calls} concurrent streamed calls: outbound pacing and inbound frames`,
      load: `${calls} calls at once, ${lines.length} caller turns each`,
      parameters: { calls, turnsPerCall: lines.length, providerLatencyMs: rig.latency },
      figures: {
        callsCompleted: completed.length,
        errors: results
          .filter((r) => r.error)
          .map((r) => r.error)
          .slice(0, 5),
        outboundFrames: completed.reduce((n, r) => n + r.framesReceived, 0),
        jitterMs: {
          definition: "how late each frame arrives after its play-out time (burst start + the audio before it)",
          p50: percentileOf(jitter, 50),
          p99,
          max: percentileOf(jitter, 100),
        },
        interArrivalGapDeviationMs: { p50: percentileOf(gapDeviation, 50), p99: percentileOf(gapDeviation, 99) },
        inboundFramesSent: framesSent,
        inboundFramesCounted: counted.length === completed.length ? framesSent - dropped : null,
        inboundFramesDropped: dropped,
      },
      summary: `${completed.length}/${calls} calls · outbound jitter p99 ${p99 ?? "–"} ms · inbound frames dropped ${dropped ?? "not reported by the server"}`,
      target: { description: "outbound pacing jitter p99 ≤ 10 ms; zero inbound frames dropped", jitterP99Ms: 10, dropped: 0 },
      met: completed.length === calls && p99 !== null && p99 <= 10 && dropped === 0,
    };
  });
}
