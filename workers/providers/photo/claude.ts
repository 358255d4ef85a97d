import type Anthropic from "@anthropic-ai/sdk";
import { URGENCIES } from "../../conversation-engine/engine";
import { TRADES } from "../../leads/model";
import { base64 } from "../../lib/base64";
import type { PhotoDescriber, PhotoDescription, PhotoImage } from "./provider";

const TOOL: Anthropic.Tool = {
  name: "record_photo_description",
  description: "Record what the customer's photo shows, for the team and for booking the right pro.",
  input_schema: {
    type: "object",
    properties: {
      description: {
        type: "string",
        description: "One or two plain sentences: what is in the photo and what is wrong, as a dispatcher would note it.",
      },
      damage: { type: "array", items: { type: "string" }, description: "Visible damage, a few words each. Empty when none is visible." },
      trade: {
        type: ["string", "null"],
        enum: [...TRADES, null],
        description: "The trade the job needs; null when the photo does not say.",
      },
      urgency: {
        type: ["string", "null"],
        enum: [...URGENCIES, null],
        description:
          "emergency: active water, fire, sparks, structural danger or no heat/cooling in extreme weather; soon: damage that worsens; flexible: cosmetic or planned work.",
      },
    },
    required: ["description", "damage", "trade", "urgency"],
  },
};
/** The image types the Messages API reads. */
const VISION_TYPES = new Set(["image/jpeg", "image/png", "image/gif", "image/webp"]);
const MAX_IMAGE_BYTES = 5 * 1024 * 1024;

export class PhotoUnreadable extends Error {}

/** Claude looks at the photo and answers through a forced tool call, so the output is structured. */
export class ClaudePhotoDescriber implements PhotoDescriber {
  readonly name = "claude-vision";

  constructor(
    private readonly client: Anthropic,
    private readonly model: string,
  ) {}

  async describe(image: PhotoImage, context: { company: string; caption: string }, signal?: AbortSignal): Promise<PhotoDescription> {
    const mimeType = image.mimeType.split(";")[0]!.trim().toLowerCase();
    if (!VISION_TYPES.has(mimeType)) throw new PhotoUnreadable(`Claude vision cannot read ${mimeType}`);
    if (image.bytes.byteLength > MAX_IMAGE_BYTES) throw new PhotoUnreadable("The photo is larger than the 5 MB Claude vision reads");
    const response = await this.client.messages.create(
      {
        model: this.model,
        max_tokens: 512,
        system: `You look at photos that customers of ${context.company}, a home-services company, send with their repair requests. Describe only what is visible; never guess an address or a price.`,
        tools: [TOOL],
        tool_choice: { type: "tool", name: TOOL.name },
        messages: [
          {
            role: "user",
            content: [
              {
                type: "image",
                source: { type: "base64", media_type: mimeType as "image/jpeg", data: base64(new Uint8Array(image.bytes)) },
              },
              {
                type: "text",
                text: `Describe the photo for the team: what is damaged, which trade, how urgent.${context.caption ? ` The customer wrote: “${context.caption}”` : ""}`,
              },
            ],
          },
        ],
      },
      { signal },
    );
    const call = response.content.find((block): block is Anthropic.ToolUseBlock => block.type === "tool_use" && block.name === TOOL.name);
    if (!call) throw new Error("Claude vision did not record a photo description");
    return parseDescription(call.input);
  }
}

function parseDescription(input: unknown): PhotoDescription {
  const { description, damage, trade, urgency } = (input ?? {}) as Record<string, unknown>;
  if (typeof description !== "string" || !description.trim()) throw new Error("Claude vision description is empty");
  if (!Array.isArray(damage) || !damage.every((d) => typeof d === "string"))
    throw new Error("Claude vision damage is not a list of strings");
  return {
    description: description.trim().slice(0, 600),
    damage: damage
      .map((d) => d.trim())
      .filter(Boolean)
      .slice(0, 10),
    // An answer outside the lists is no answer: the conversation asks instead.
    trade: TRADES.find((t) => t === trade) ?? null,
    urgency: URGENCIES.find((u) => u === urgency) ?? null,
  };
}
