import Anthropic from "@anthropic-ai/sdk";
import { describe, expect, inject, it } from "vitest";
import { claudeRequests, scriptClaude } from "../../../tests/media";
import { ClaudePhotoDescriber, PhotoUnreadable } from "./claude";

const describer = () =>
  new ClaudePhotoDescriber(new Anthropic({ apiKey: "sk-ant-test", baseURL: inject("anthropicUrl"), maxRetries: 0 }), "claude-test");
const company = () => `Photo Co ${crypto.randomUUID().slice(0, 8)}`;
const jpeg = { bytes: new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]), mimeType: "image/jpeg" };
const recorded = (input: Record<string, unknown>) => ({
  content: [{ type: "tool_use", id: "toolu_1", name: "record_photo_description", input }],
  stop_reason: "tool_use",
});

describe("Claude photo description (contract fake)", () => {
  it("sends the photo and the caption with a forced tool and reads what is damaged, the trade and the urgency", async () => {
    const name = company();
    await scriptClaude(name, [
      recorded({
        description: " Water stain spreading across a ceiling. ",
        damage: ["water stain", " sagging drywall "],
        trade: "roofing",
        urgency: "emergency",
      }),
    ]);
    const photo = await describer().describe(jpeg, { company: name, caption: "this is my bedroom" });
    expect(photo).toEqual({
      description: "Water stain spreading across a ceiling.",
      damage: ["water stain", "sagging drywall"],
      trade: "roofing",
      urgency: "emergency",
    });
    const [request] = await claudeRequests(name);
    expect(request.tool_choice).toEqual({ type: "tool", name: "record_photo_description" });
    expect(request.system).toContain(`customers of ${name}, a home-services company`);
    const [image, text] = request.messages[0].content;
    expect(image.source).toMatchObject({ type: "base64", media_type: "image/jpeg" });
    expect(atob(image.source.data).length).toBe(jpeg.bytes.length);
    expect(text.text).toContain("“this is my bedroom”");
  });

  it("a trade or urgency outside the lists is no answer; a missing description is an error", async () => {
    const name = company();
    await scriptClaude(name, [
      recorded({ description: "A cracked tile.", damage: [], trade: "masonry", urgency: "whenever" }),
      recorded({ description: "", damage: [], trade: null, urgency: null }),
      { content: [{ type: "text", text: "Nice photo." }], stop_reason: "end_turn" },
    ]);
    expect(await describer().describe(jpeg, { company: name, caption: "" })).toMatchObject({ trade: null, urgency: null });
    await expect(describer().describe(jpeg, { company: name, caption: "" })).rejects.toThrow(/description is empty/);
    await expect(describer().describe(jpeg, { company: name, caption: "" })).rejects.toThrow(/did not record a photo description/);
  });

  it("a file Claude cannot read is refused before any request", async () => {
    const name = company();
    await expect(
      describer().describe({ bytes: new Uint8Array(4), mimeType: "image/heic" }, { company: name, caption: "" }),
    ).rejects.toThrow(PhotoUnreadable);
    expect(await claudeRequests(name)).toEqual([]);
  });
});
