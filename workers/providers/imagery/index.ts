import type { Env } from "../../env";
import { GoogleStaticImagery } from "./google";
import { LocalImagery } from "./local";
import type { ImageryProvider } from "./provider";

/** Google satellite tiles when GOOGLE_MAPS_API_KEY is set; rendered sample tiles otherwise (not in production). */
export function imageryProvider(env: Env): ImageryProvider {
  if (env.GOOGLE_MAPS_API_KEY) return new GoogleStaticImagery(env.GOOGLE_MAPS_API_KEY, env.GOOGLE_MAPS_URL || undefined);
  if (env.ENVIRONMENT === "production") throw new Error("GOOGLE_MAPS_API_KEY is not set: production does not render sample imagery");
  return new LocalImagery();
}
