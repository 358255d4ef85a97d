import type Anthropic from "@anthropic-ai/sdk";
import { base64 } from "../../lib/base64";
import type { Property } from "../../scans/catalog/catalog";

export interface RoofAssessment {
  condition: number;
  damage: string[];
  confidence: number;
}

const TOOL: Anthropic.Tool = {
  name: "record_roof_assessment",
  description: "Record the assessment of the roof in the aerial image.",
  input_schema: {
    type: "object",
    properties: {
      condition: { type: "integer", minimum: 0, maximum: 100, description: "0 = failing, needs replacement now; 100 = new roof." },
      damage: {
        type: "array",
        items: { type: "string" },
        description:
          "Visible damage or wear, a few words each (missing shingles, tarp, ponding, rust, staining, patching, debris). Empty when none is visible.",
      },
      confidence: { type: "number", minimum: 0, maximum: 1, description: "How sure the assessment is, given image quality and occlusion." },
    },
    required: ["condition", "damage", "confidence"],
  },
};
const MEDIA_TYPES = new Set(["image/png", "image/jpeg"]);

/** Claude looks at the aerial image and answers through a forced tool call, so the output is structured. */
export class ClaudeRoofVision {
  readonly name = "claude-vision";

  constructor(
    private readonly client: Anthropic,
    private readonly model: string,
  ) {}

  async assess(property: Property, image: { bytes: Uint8Array; contentType: string }, signal?: AbortSignal): Promise<RoofAssessment> {
    if (!MEDIA_TYPES.has(image.contentType)) throw new Error(`Claude vision cannot read ${image.contentType}`);
    const response = await this.client.messages.create(
      {
        model: this.model,
        max_tokens: 512,
        system: `You assess the roof of property ${property.id} for a roofing contractor from a top-down aerial image centred on the building. Judge only what is visible; lower your confidence when the roof is hidden, blurred or ambiguous.`,
        tools: [TOOL],
        tool_choice: { type: "tool", name: TOOL.name },
        messages: [
          {
            role: "user",
            content: [
              {
                type: "image",
                source: { type: "base64", media_type: image.contentType as "image/png" | "image/jpeg", data: base64(image.bytes) },
              },
              {
                type: "text",
                text: `Roof material on record: ${property.roofMaterial ?? "unknown"}. Record the roof's condition, visible damage and your confidence.`,
              },
            ],
          },
        ],
      },
      { signal },
    );
    const call = response.content.find((block): block is Anthropic.ToolUseBlock => block.type === "tool_use" && block.name === TOOL.name);
    if (!call) throw new Error("Claude vision did not record a roof assessment");
    return parseAssessment(call.input);
  }
}

function parseAssessment(input: unknown): RoofAssessment {
  const { condition, damage, confidence } = (input ?? {}) as Record<string, unknown>;
  if (typeof condition !== "number" || condition < 0 || condition > 100)
    throw new Error("Claude vision condition is not a number from 0 to 100");
  if (typeof confidence !== "number" || confidence < 0 || confidence > 1)
    throw new Error("Claude vision confidence is not a number from 0 to 1");
  if (!Array.isArray(damage) || !damage.every((d) => typeof d === "string"))
    throw new Error("Claude vision damage is not a list of strings");
  return {
    condition: Math.round(condition),
    damage: damage
      .map((d) => d.trim())
      .filter(Boolean)
      .slice(0, 10),
    confidence,
  };
}
