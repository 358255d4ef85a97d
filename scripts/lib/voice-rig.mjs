// Everything a streamed call needs on one machine, for the simulator and the voice benchmarks:
// the Deepgram, ElevenLabs and Anthropic contract fakes (tests/fakes/) at published latencies,
// and an `npm run serve` of its own (workerd, no dev proxy) on a free port with fresh state
// (migrated, one workspace with a voice number), its provider keys and URLs passed with --var.
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { openSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BENCH_CONVERSATIONS, DEMO_PASSWORD } from "./accounts.mjs";
import { localD1 } from "./d1.mjs";
import { freePort, startServe } from "./dev-server.mjs";
import { NETWORKS } from "./network.mjs";
import { seedWorkspace } from "./seeding.mjs";
import { startDeepgramFake } from "../../tests/fakes/deepgram.ts";
import { startElevenLabsFake } from "../../tests/fakes/elevenlabs.ts";
import { startAnthropicFake } from "../../tests/fakes/anthropic.ts";

/** Published figures: Deepgram's final ~300 ms after speech ends, Claude's first token ~350 ms, ElevenLabs Flash's first byte ~75 ms. */
export const PUBLISHED_LATENCY = { sttFinalMs: 300, llmFirstTokenMs: 350, ttsFirstByteMs: 75 };
/** Claude streams a few characters per event; ~15 ms apart is ~100 tokens a second. */
const LLM_DELTA_MS = 15;

/** What the agent answers to each line of the caller's script (the rig's Claude is a script keyed by what was heard). */
const AGENT_REPLIES = [
  { when: "roof is leaking", text: "I'm sorry to hear about the leak. What's the address of the property?" },
  { when: "barton springs", text: "Thanks. And what name should I put the visit under?" },
  { when: "maria", text: "Got it, Maria. How soon do you need someone out there?" },
  { when: "as soon as possible", text: "I have two openings: tomorrow at nine, or Thursday at two. Which one works for you?" },
  { when: "first one", text: "You're booked for tomorrow at nine. A roofer will call before arriving. Anything else?" },
  { when: "", text: "Sorry, could you say that once more?" },
];

/**
 * Starts the rig. `latency` overrides PUBLISHED_LATENCY; `log` receives progress lines; `port`
 * and `persistDir` (kept afterwards)
 * default to a free port and a fresh temporary directory (removed by stop()).
 */
export async function startVoiceRig({ latency = {}, log = () => {}, port, persistDir } = {}) {
  const providerLatency = { ...PUBLISHED_LATENCY, ...latency };
  const keys = { deepgram: `dg-${randomBytes(12).toString("hex")}`, elevenLabs: `xi-${randomBytes(12).toString("hex")}` };
  const [deepgram, elevenLabs, anthropic] = await Promise.all([
    startDeepgramFake(0, keys.deepgram),
    startElevenLabsFake(0, keys.elevenLabs),
    startAnthropicFake(0),
  ]);
  const fakes = [deepgram.server, elevenLabs.server, anthropic.server];
  const stopFakes = () => Promise.all(fakes.map((server) => new Promise((resolve) => server.close(() => resolve()))));
  await post(`${elevenLabs.url}/__config`, { firstByteMs: providerLatency.ttsFirstByteMs });
  // Standing answers keyed by the caller's words, shared by every call (concurrent calls included).
  const replies = AGENT_REPLIES.map(({ when, text }) => ({ when, content: [{ type: "text", text }], stop_reason: "end_turn" }));
  await post(`${anthropic.url}/__script`, {
    key: BENCH_CONVERSATIONS.tenant.name,
    replies,
    latency: { firstTokenMs: providerLatency.llmFirstTokenMs, deltaMs: LLM_DELTA_MS },
  });

  const stateDir = persistDir ?? (await mkdtemp(join(tmpdir(), "homeline-voice-rig-")));
  const d1 = localD1(stateDir);
  try {
    log("migrating and seeding a fresh local D1");
    await d1.migrate();
    await seedWorkspace(d1, BENCH_CONVERSATIONS, { log });
  } catch (err) {
    await stopFakes();
    throw err;
  }
  const authToken = randomBytes(24).toString("base64url");
  const vars = {
    JWT_SECRET: randomBytes(32).toString("base64url"),
    TWILIO_AUTH_TOKEN: authToken,
    DEEPGRAM_API_KEY: keys.deepgram,
    DEEPGRAM_URL: deepgram.url.replace(/^http:/, "ws:"),
    ELEVENLABS_API_KEY: keys.elevenLabs,
    ELEVENLABS_URL: elevenLabs.url,
    ANTHROPIC_API_KEY: "sk-ant-voice-rig",
    ANTHROPIC_BASE_URL: anthropic.url,
    MAX_CONCURRENT_CALLS: "200",
  };
  const serverPort = port ?? (await freePort());
  const out = join(stateDir, "serve.out");
  const logFile = join(stateDir, "serve.log");
  log(`npm run serve on port ${serverPort} (request log: ${logFile}; output: ${out})`);
  const output = openSync(out, "w");
  const server = await startServe({ port: serverPort, persistDir: stateDir, logFile, vars, stdio: ["ignore", output, output] }).catch(
    async (err) => {
      await stopFakes();
      throw new Error(`${err.message} See ${out}.`);
    },
  );

  let session = null; // one login shared by concurrent lookups (the login limit is 10 a minute)
  return {
    url: server.url,
    authToken,
    to: NETWORKS[BENCH_CONVERSATIONS.tenant.slug].sms.number,
    workspace: BENCH_CONVERSATIONS,
    latency: providerLatency,
    /**
     * Scripts what Deepgram hears in one call, by the call id the stream's parameters carry
     * (the server sends it as Deepgram's `tag`).
     */
    async prepareCall({ parameters }, callerLines) {
      const utterances = callerLines.filter((line) => line.text).map((line) => line.text);
      await post(`${deepgram.url}/__script`, { tag: parameters.callId, utterances, finalDelayMs: providerLatency.sttFinalMs });
    },
    /**
     * GET /api/v1/calls/:id as the workspace owner, once the session has written its frame
     * counts (they land after the call ends), or as it stands after `waitMs`; null without a call.
     */
    async callRecord(callId, waitMs = 10_000) {
      if (!callId) return null;
      session ??= login(server.url, BENCH_CONVERSATIONS);
      const token = await session;
      const deadline = Date.now() + waitMs;
      for (;;) {
        const response = await fetch(`${server.url}/api/v1/calls/${encodeURIComponent(callId)}`, {
          headers: { Authorization: `Bearer ${token}` },
        });
        const record = response.ok ? await response.json() : null;
        if (typeof record?.inboundFrames === "number" || Date.now() > deadline) return record;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    },
    async stop() {
      await server.stop();
      await stopFakes();
      if (!persistDir) await rm(stateDir, { recursive: true, force: true });
    },
  };
}

async function post(url, body) {
  const response = await fetch(url, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
}

async function login(url, spec) {
  const owner = spec.users.find((u) => u.role === "owner");
  const response = await fetch(`${url}/api/v1/auth/login`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ email: owner.email, password: DEMO_PASSWORD }),
  });
  if (!response.ok) throw new Error(`Login failed: HTTP ${response.status}`);
  return (await response.json()).accessToken;
}
