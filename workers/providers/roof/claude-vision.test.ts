import Anthropic from "@anthropic-ai/sdk";
import { env } from "cloudflare:workers";
import { describe, expect, inject, it } from "vitest";
import { generateProperties } from "../../../scripts/lib/property-generator";
import { LocalImagery } from "../imagery/local";
import { roofAnalyzer } from ".";
import { ClaudeRoofVision } from "./claude-vision";
import { LocalRoofHeuristic } from "./local";
import { RoofAnalyzerWithVision } from "./with-vision";

const PROPERTIES = generateProperties({ count: 4, seed: 31 });
const client = () => new Anthropic({ apiKey: "sk-ant-test", baseURL: inject("anthropicUrl"), maxRetries: 0 });
const vision = () => new ClaudeRoofVision(client(), "claude-sonnet-4-5");

async function script(key: string, input: Record<string, unknown> | null) {
  const content = input
    ? [{ type: "tool_use", id: "toolu_1", name: "record_roof_assessment", input }]
    : [{ type: "text", text: "Looks fine to me." }];
  await fetch(`${inject("anthropicUrl")}/__script`, {
    method: "POST",
    body: JSON.stringify({ key, replies: [{ content, stop_reason: input ? "tool_use" : "end_turn" }] }),
  });
}

describe("Claude roof vision (contract fake)", () => {
  it("sends the image with a forced tool and merges the assessment into the geometry", async () => {
    const property = PROPERTIES[0]!;
    await script(property.id, { condition: 34, damage: ["missing shingles", " tarp "], confidence: 0.8 });
    const image = await new LocalImagery().fetch(property);
    const analyzer = new RoofAnalyzerWithVision(new LocalRoofHeuristic(), vision());
    const roof = await analyzer.analyze(property, image);
    expect(roof).toMatchObject({
      source: "local-heuristic+claude-vision",
      condition: 34,
      damage: ["missing shingles", "tarp"],
      confidence: 0.8,
    });
    expect(roof!.segments.length).toBeGreaterThan(0);
    const [request] = (await (await fetch(`${inject("anthropicUrl")}/__requests?key=${property.id}`)).json()) as any[];
    expect(request.tool_choice).toEqual({ type: "tool", name: "record_roof_assessment" });
    expect(request.tools[0].input_schema.required).toEqual(["condition", "damage", "confidence"]);
    const imageBlock = request.messages[0].content[0];
    expect(imageBlock.source).toMatchObject({ type: "base64", media_type: "image/png" });
    expect(atob(imageBlock.source.data).length).toBe(image.bytes.length);
  });

  it("without an image the geometry stands alone (no call)", async () => {
    const property = PROPERTIES[1]!;
    const roof = await new RoofAnalyzerWithVision(new LocalRoofHeuristic(), vision()).analyze(property, null);
    expect(roof!.source).toBe("local-heuristic");
    expect(await (await fetch(`${inject("anthropicUrl")}/__requests?key=${property.id}`)).json()).toEqual([]);
  });

  it("an out-of-range or missing assessment is an error", async () => {
    const [a, b] = [PROPERTIES[2]!, PROPERTIES[3]!];
    const image = { bytes: new Uint8Array([137, 80, 78, 71]), contentType: "image/png" };
    await script(a.id, { condition: 150, damage: [], confidence: 0.5 });
    await expect(vision().assess(a, image)).rejects.toThrow(/condition is not a number from 0 to 100/);
    await script(b.id, null);
    await expect(vision().assess(b, image)).rejects.toThrow(/did not record a roof assessment/);
  });

  it('SCAN_VISION="claude" composes vision over the geometry; it needs an Anthropic key', () => {
    expect(roofAnalyzer(env).name).toBe("local-heuristic");
    expect(roofAnalyzer({ ...env, SCAN_VISION: "claude" }).name).toBe("local-heuristic+claude-vision");
    expect(roofAnalyzer({ ...env, GOOGLE_MAPS_API_KEY: "AIzaTestKey0123456789", SCAN_VISION: "claude" }).name).toBe(
      "google-solar+claude-vision",
    );
    expect(() => roofAnalyzer({ ...env, SCAN_VISION: "claude", ANTHROPIC_API_KEY: undefined })).toThrow(/ANTHROPIC_API_KEY/);
    expect(() => roofAnalyzer({ ...env, ENVIRONMENT: "production" })).toThrow(/GOOGLE_MAPS_API_KEY/);
  });
});
