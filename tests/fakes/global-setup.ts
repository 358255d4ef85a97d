import type { TestProject } from "vitest/node";
import { startResendFake } from "./resend";
import { startGraphFake } from "./graph";
import { startTwilioFake } from "./twilio";
import { startAnthropicFake } from "./anthropic";
import { startStripeFake } from "./stripe";
import { startTestPostgres } from "./postgres";
import { startGoogleFake } from "./google";
import { startGoogleGeocodingFake } from "./google-geocoding";
import { startPropertyDataFake } from "./property-data";
import { startDeepgramFake } from "./deepgram";
import { startElevenLabsFake } from "./elevenlabs";
import { startWebPushFake } from "./web-push";

declare module "vitest" {
  export interface ProvidedContext {
    resendUrl: string;
    graphUrl: string;
    twilioUrl: string;
    anthropicUrl: string;
    stripeUrl: string;
    /** Google Static Maps + Solar API fake. */
    googleUrl: string;
    /** Google Geocoding API fake. */
    geocodingUrl: string;
    /** ATTOM + BatchData + NOAA SWDI fake. */
    propertyDataUrl: string;
    /** ws:// base URL of the Deepgram live fake (the Worker's DEEPGRAM_URL). */
    deepgramUrl: string;
    elevenLabsUrl: string;
    /** A Web Push service (RFC 8030/8291/8292): issues subscriptions, verifies VAPID, decrypts. */
    webPushUrl: string;
    /** A throwaway PostGIS database with the catalog schema, or null when no Postgres answers locally. */
    pgUrl: string | null;
  }
}

/** Contract fakes of outside APIs, on loopback for the whole run. */
export default async function setup(project: TestProject) {
  const resend = await startResendFake();
  project.provide("resendUrl", resend.url);
  const [graph, twilio, anthropic] = await Promise.all([
    startGraphFake(),
    startTwilioFake(),
    startAnthropicFake(Number(process.env.HOMELINE_ANTHROPIC_FAKE_PORT ?? 0)),
  ]);
  project.provide("graphUrl", graph.url);
  project.provide("twilioUrl", twilio.url);
  project.provide("anthropicUrl", anthropic.url);
  const stripe = await startStripeFake(Number(process.env.HOMELINE_STRIPE_FAKE_PORT ?? 0));
  project.provide("stripeUrl", stripe.url);
  const [google, propertyData] = await Promise.all([startGoogleFake(), startPropertyDataFake()]);
  project.provide("googleUrl", google.url);
  project.provide("propertyDataUrl", propertyData.url);
  const geocoding = await startGoogleGeocodingFake();
  project.provide("geocodingUrl", geocoding.url);
  const [deepgram, elevenLabs] = await Promise.all([
    startDeepgramFake(Number(process.env.HOMELINE_DEEPGRAM_FAKE_PORT ?? 0)),
    startElevenLabsFake(Number(process.env.HOMELINE_ELEVENLABS_FAKE_PORT ?? 0)),
  ]);
  project.provide("deepgramUrl", deepgram.url.replace(/^http:/, "ws:"));
  project.provide("elevenLabsUrl", elevenLabs.url);
  const webPush = await startWebPushFake();
  project.provide("webPushUrl", webPush.url);
  const pg = await startTestPostgres();
  project.provide("pgUrl", pg?.url ?? null);
  const close = (server: { close(cb: () => void): void }) => new Promise<void>((resolve) => server.close(() => resolve()));
  return async () => {
    await Promise.all(
      [
        resend.server,
        graph.server,
        twilio.server,
        anthropic.server,
        stripe.server,
        deepgram.server,
        elevenLabs.server,
        google.server,
        propertyData.server,
        geocoding.server,
        webPush.server,
      ].map(close),
    );
    await pg?.drop();
  };
}
