import Anthropic from "@anthropic-ai/sdk";
import { DEFAULT_MODEL } from "../../conversation-engine";
import type { Env } from "../../env";
import { ClaudeRoofVision } from "./claude-vision";
import { LocalRoofHeuristic } from "./local";
import type { RoofAnalyzer } from "./provider";
import { SolarRoofAnalyzer } from "./solar";
import { RoofAnalyzerWithVision } from "./with-vision";

/**
 * Solar API geometry when GOOGLE_MAPS_API_KEY is set, the local heuristic otherwise (not in
 * production); with SCAN_VISION="claude" and an Anthropic key, Claude also judges the image.
 */
export function roofAnalyzer(env: Env): RoofAnalyzer {
  let geometry: RoofAnalyzer;
  if (env.GOOGLE_MAPS_API_KEY) geometry = new SolarRoofAnalyzer(env.GOOGLE_MAPS_API_KEY, env.GOOGLE_SOLAR_URL || undefined);
  else if (env.ENVIRONMENT === "production") throw new Error("GOOGLE_MAPS_API_KEY is not set: production does not estimate roofs locally");
  else geometry = new LocalRoofHeuristic();
  if (env.SCAN_VISION !== "claude") return geometry;
  if (!env.ANTHROPIC_API_KEY) throw new Error('SCAN_VISION is "claude" but ANTHROPIC_API_KEY is not set');
  const client = new Anthropic({
    apiKey: env.ANTHROPIC_API_KEY,
    baseURL: env.ANTHROPIC_BASE_URL || undefined,
    maxRetries: 1,
    timeout: 30_000,
  });
  return new RoofAnalyzerWithVision(geometry, new ClaudeRoofVision(client, DEFAULT_MODEL));
}
