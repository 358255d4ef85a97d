import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";
import { createServer } from "node:net";
import { generateKeyPairSync } from "node:crypto";

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const probe = createServer().once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

// Durable Objects see only the configured bindings, so the URLs of fakes they (or the queue
// consumer) call are fixed here: free loopback ports, on which tests/fakes/global-setup.ts
// (same process) starts the Anthropic fake and the Stripe fake (auto-recharge charges a card
// from the queue the Wallet DO feeds).
const anthropicFakePort = await freePort();
const stripeFakePort = await freePort();
// The CallSession DO opens its speech sockets itself, so the Deepgram and ElevenLabs fakes are pinned too.
const deepgramFakePort = await freePort();
const elevenLabsFakePort = await freePort();
process.env.HOMELINE_ANTHROPIC_FAKE_PORT = String(anthropicFakePort);
process.env.HOMELINE_STRIPE_FAKE_PORT = String(stripeFakePort);
process.env.HOMELINE_DEEPGRAM_FAKE_PORT = String(deepgramFakePort);
process.env.HOMELINE_ELEVENLABS_FAKE_PORT = String(elevenLabsFakePort);

// A VAPID key pair for this run, in the formats the Worker reads (65-byte point, 32-byte scalar).
const vapid = generateKeyPairSync("ec", { namedCurve: "prime256v1" }).privateKey.export({ format: "jwk" });
const vapidPublic = Buffer.concat([Buffer.from([4]), Buffer.from(vapid.x!, "base64url"), Buffer.from(vapid.y!, "base64url")]).toString(
  "base64url",
);

/** Test files of pure modules end in .unit.test.ts; every other test file is an integration test. */
const UNIT = ".unit.test.ts";
const TESTED = ["workers", "durable-objects", "tests", "web/src/lib"];

export default defineConfig(async () => ({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: "./wrangler.toml" },
      miniflare: {
        bindings: {
          TEST_MIGRATIONS: await readD1Migrations("schema/d1/migrations"),
          JWT_SECRET: "test-secret-0123456789abcdef0123456789abcdef",
          OPS_TOKEN: "test-ops-token",
          ENVIRONMENT: "test",
          // Webhook secrets; sending keys stay unset (local providers) unless a test sets them.
          WHATSAPP_APP_SECRET: "test-whatsapp-app-secret",
          WHATSAPP_VERIFY_TOKEN: "test-verify-token",
          TWILIO_AUTH_TOKEN: "test-twilio-auth-token",
          // Claude answers through the loopback fake of the Messages API (workspaces choose the
          // engine; tests/conversations.ts makes new ones local unless a test asks for Claude).
          ANTHROPIC_API_KEY: "sk-ant-test",
          ANTHROPIC_BASE_URL: `http://127.0.0.1:${anthropicFakePort}`,
          // Payments run against the loopback Stripe fake (tests of the local top-up unset the key).
          STRIPE_SECRET_KEY: "sk_test_homeline",
          STRIPE_WEBHOOK_SECRET: "whsec_test_homeline",
          STRIPE_API_URL: `http://127.0.0.1:${stripeFakePort}`,
          // Calls stream (Media Streams) through the Deepgram and ElevenLabs fakes; workspaces
          // whose voice_mode is "gather" keep the TwiML <Gather> path.
          DEEPGRAM_API_KEY: "test-deepgram-key",
          DEEPGRAM_URL: `ws://127.0.0.1:${deepgramFakePort}`,
          ELEVENLABS_API_KEY: "test-elevenlabs-key",
          ELEVENLABS_URL: `http://127.0.0.1:${elevenLabsFakePort}`,
          // Browser push is signed with this run's VAPID key; subscriptions point at the Web Push fake.
          VAPID_PUBLIC_KEY: vapidPublic,
          VAPID_PRIVATE_KEY: vapid.d!,
          VAPID_SUBJECT: "mailto:alerts@homeline.test",
        },
      },
    }),
  ],
  test: {
    // Request logs of passing tests are noise; a failing test still shows its output.
    silent: "passed-only" as const,
    // One file at a time: the loopback fakes (ElevenLabs, Deepgram) are shared by every file, and
    // two files at once read each other's recorded requests.
    maxWorkers: 1,
    projects: [
      {
        // Pure modules: no storage, no bindings, no fakes. One runtime serves every file.
        extends: true,
        test: { name: "unit", include: TESTED.map((dir) => `${dir}/**/*${UNIT}`), isolate: false },
      },
      {
        // The Worker's handlers, Durable Objects, queue and workflow: each file on fresh storage
        // with the real migrations applied, outside APIs as contract fakes on loopback.
        extends: true,
        test: {
          name: "integration",
          include: TESTED.map((dir) => `${dir}/**/*.test.ts`),
          exclude: [`**/*${UNIT}`],
          setupFiles: ["./tests/apply-migrations.ts"],
          globalSetup: ["./tests/fakes/global-setup.ts"],
        },
      },
    ],
  },
}));
