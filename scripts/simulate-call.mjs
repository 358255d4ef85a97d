// npm run simulate:call                 a streamed call: starts its own rig (Deepgram, ElevenLabs and
//                                       Claude fakes at published latencies + an npm run serve), then
//                                       plays the recorded booking call over /voice/stream exactly as
//                                       Twilio does, and prints the transcript and per-turn latency.
//   [--stt-ms 300 --llm-ms 350 --tts-ms 75]   provider latencies (PORT, PERSIST_DIR pin the server)
//   [--press 0]                                a keypad digit after the last line (0 = a person)
// npm run simulate:call -- --gather [--from +15125550100] [--to +1…] [--url http://localhost:8787] ["line" …]
//                                       the TwiML Gather path against the running `npm start`: each
//                                       caller line is a Gather's SpeechResult; prints every <Say>.
//                                       Lines take as long as they take to say ([--pace 0] for no waits).
import { randomUUID } from "node:crypto";
import { parseArgs } from "node:util";
import { main } from "./lib/toolchain.mjs";
import { readDevVars } from "./lib/dev-vars.mjs";
import { DEMO } from "./lib/accounts.mjs";
import { NETWORKS } from "./lib/network.mjs";
import { postTwilioWebhook } from "./lib/twilio-webhook.mjs";
import { mediaStreamCall } from "./lib/media-stream-client.mjs";
import { startVoiceRig } from "./lib/voice-rig.mjs";
import { bookingCallLines } from "./lib/voice-fixtures.mjs";

const GATHER_SCRIPT = ["Water is pouring through my kitchen ceiling", "14 Barton Skyway, Austin 78704", "Maria Garcia", "The first one"];

const decode = (s) =>
  s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");

main(async () => {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      gather: { type: "boolean", default: false },
      pace: { type: "string" },
      from: { type: "string", default: "+15125550100" },
      to: { type: "string" },
      url: { type: "string", default: process.env.BASE_URL || "http://localhost:8787" },
      "stt-ms": { type: "string" },
      "llm-ms": { type: "string" },
      "tts-ms": { type: "string" },
      press: { type: "string" },
    },
  });
  if (values.gather) return gatherCall(values, positionals);
  const latency = Object.fromEntries(
    [
      ["sttFinalMs", values["stt-ms"]],
      ["llmFirstTokenMs", values["llm-ms"]],
      ["ttsFirstByteMs", values["tts-ms"]],
    ]
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, Number(v)]),
  );
  return streamedCall(values, latency);
});

async function streamedCall({ from, press }, latency) {
  console.log("▸ starting the voice rig (fakes + npm run serve)…");
  // PORT and PERSIST_DIR pin the rig's server (as for the benchmarks); by default a free port and fresh state.
  const rig = await startVoiceRig({
    latency,
    log: (line) => console.log(`  ${line}`),
    port: Number(process.env.PORT) || undefined,
    persistDir: process.env.PERSIST_DIR || undefined,
  });
  try {
    const lines = [...bookingCallLines(), ...(press ? [{ dtmf: press }] : [])];
    console.log(
      `☎ ${from} calls ${rig.to} (STT final ${rig.latency.sttFinalMs} ms, LLM first token ${rig.latency.llmFirstTokenMs} ms, TTS first byte ${rig.latency.ttsFirstByteMs} ms)`,
    );
    const result = await mediaStreamCall({
      baseUrl: rig.url,
      authToken: rig.authToken,
      from,
      to: rig.to,
      lines,
      beforeStream: (call) => rig.prepareCall(call, lines),
    });
    for (const turn of result.turns)
      console.log(turn.dtmf ? `→ (pressed ${turn.dtmf})` : `→ ${turn.text}    [voice-to-voice ${turn.voiceToVoiceMs ?? "no answer"} ms]`);
    console.log(
      `☎ call ended (${result.seconds} s): ${result.framesSent} frames sent, ${result.framesReceived} received, ${result.marksEchoed} marks echoed, ${result.clears} clears`,
    );
    printCallRecord(await rig.callRecord(result.parameters.callId));
  } finally {
    await rig.stop();
  }
}

/** The server's own record of the call: transcript with timestamps and per-turn latency breakdown. */
function printCallRecord(call) {
  if (!call) return console.log("(the server has no record of this call yet)");
  console.log("\nTranscript");
  for (const line of call.transcript ?? [])
    console.log(
      `  ${(line.startMs / 1000).toFixed(1).padStart(6)} s  ${line.speaker.padEnd(6)} ${line.text}${line.interrupted ? " (interrupted)" : ""}`,
    );
  console.log("\nLatency per turn (ms): STT final · LLM first token · TTS first byte · first frame out · our overhead");
  for (const turn of call.latency?.turns ?? [])
    console.log(
      `  turn ${turn.turn}: ${turn.sttFinalMs} · ${turn.llmFirstTokenMs} · ${turn.ttsFirstByteMs} · ${turn.firstFrameMs} · ${turn.overheadMs}${turn.speculative ? " (speculative)" : ""}`,
    );
  console.log(`  frames in/out counted by the server: ${call.inboundFrames ?? "?"} / ${call.outboundFrames ?? "?"}`);
}

/** Today's Gather path: every turn is a signed webhook with Twilio's SpeechResult. */
async function gatherCall(values, positionals) {
  const token = readDevVars().TWILIO_AUTH_TOKEN;
  if (!token) throw new Error("No TWILIO_AUTH_TOKEN in .dev.vars: run `npm start` once, which creates it.");
  const base = values.url.replace(/\/+$/, "");
  const to = values.to ?? NETWORKS[DEMO.tenant.slug].sms.number;
  const call = {
    AccountSid: readDevVars().TWILIO_ACCOUNT_SID || "AC00000000000000000000000000000000",
    CallSid: `CA${randomUUID().replace(/-/g, "")}`,
    From: values.from,
    To: to,
    Direction: "inbound",
    CallStatus: "in-progress",
  };
  const started = Date.now();
  // A call takes the time people take to speak (about 2.6 words a second), so the transcript's
  // times are a call's times, not a burst of requests all at 0:00. --pace 0 skips the waits.
  const pace = Number(values.pace ?? 1);
  const speak = (text) => new Promise((resolve) => setTimeout(resolve, Math.min(8000, (text.split(/\s+/).length / 2.6) * 1000 * pace)));
  /** Prints the turn's <Say>s (those in the Gather; the silence reprompt after it is skipped), waits while they are said, and returns where to post next. */
  async function show(twiml) {
    const gather = /<Gather\b[^>]*\baction="([^"]*)"[^>]*>([\s\S]*?)<\/Gather>/.exec(twiml);
    for (const [, said] of (gather ? gather[2] : twiml).matchAll(/<Say\b[^>]*>([\s\S]*?)<\/Say>/g)) {
      console.log(`← ${decode(said)}`);
      await speak(decode(said));
    }
    const dial = /<Dial>([^<]*)<\/Dial>/.exec(twiml);
    if (dial) console.log(`(transferred to ${decode(dial[1])})`);
    if (/<Connect>\s*<Stream/.test(twiml))
      throw new Error("The server answered with <Connect><Stream>: set the workspace's voice mode to gather, or run without --gather.");
    return gather ? decode(gather[1]) : null;
  }

  console.log(`☎ ${values.from} calls ${to}`);
  let action = await show(await postTwilioWebhook(token, `${base}/webhooks/twilio/voice`, call));
  for (const line of positionals.length ? positionals : GATHER_SCRIPT) {
    if (!action) break;
    console.log(`→ ${line}`);
    await speak(line);
    action = await show(await postTwilioWebhook(token, action, { ...call, SpeechResult: line, Confidence: "0.93" }));
  }
  const seconds = Math.max(1, Math.round((Date.now() - started) / 1000));
  await postTwilioWebhook(token, `${base}/webhooks/twilio/voice/status`, {
    ...call,
    CallStatus: "completed",
    CallDuration: String(seconds),
  });
  console.log(`☎ call ended (${seconds} s)`);
}
