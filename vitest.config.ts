import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

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
        },
      },
    }),
  ],
  test: {
    include: ["workers/**/*.test.ts", "durable-objects/**/*.test.ts", "tests/**/*.test.ts"],
    setupFiles: ["./tests/apply-migrations.ts"],
    globalSetup: ["./tests/fakes/global-setup.ts"],
    // Request logs of passing tests are noise; a failing test still shows its output.
    silent: "passed-only" as const,
  },
}));
