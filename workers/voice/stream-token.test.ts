import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { streamToken, verifyStreamToken } from "./stream-token";

describe("per-call stream token", () => {
  it("verifies only the token made for that call id", async () => {
    const token = await streamToken(env, "call_a");
    expect(token).toMatch(/^[\w-]{43}$/);
    expect(await verifyStreamToken(env, "call_a", token)).toBe(true);
    expect(await verifyStreamToken(env, "call_b", token)).toBe(false);
    expect(await verifyStreamToken(env, "call_a", undefined)).toBe(false);
    expect(await verifyStreamToken(env, "call_a", token.slice(1))).toBe(false);
  });

  it("depends on JWT_SECRET", async () => {
    expect(await streamToken({ ...env, JWT_SECRET: "another-secret" }, "call_a")).not.toBe(await streamToken(env, "call_a"));
  });
});
