import { claudeFor } from "../../conversation-engine";
import type { Env } from "../../env";
import { ClaudePhotoDescriber } from "./claude";
import type { PhotoDescriber } from "./provider";

/**
 * Claude vision when the workspace uses Claude (an Anthropic key, engine not "local"); null
 * otherwise, and a photo is then acknowledged and its caption read as the customer's words.
 */
export async function photoDescriber(env: Env, tenantId: string): Promise<PhotoDescriber | null> {
  const { client, settings } = await claudeFor(env, tenantId);
  return client ? new ClaudePhotoDescriber(client, settings.model) : null;
}
