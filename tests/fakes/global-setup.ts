import type { TestProject } from "vitest/node";
import { startResendFake } from "./resend";
import { startGraphFake } from "./graph";
import { startTwilioFake } from "./twilio";
import { startAnthropicFake } from "./anthropic";
import { startStripeFake } from "./stripe";
import { startTestPostgres } from "./postgres";

declare module "vitest" {
  export interface ProvidedContext {
    resendUrl: string;
    graphUrl: string;
    twilioUrl: string;
    anthropicUrl: string;
    stripeUrl: string;
    /** A throwaway PostGIS database with the catalog schema, or null when no Postgres answers locally. */
    pgUrl: string | null;
  }
}

/** Contract fakes of outside APIs, on loopback for the whole run. */
export default async function setup(project: TestProject) {
  const resend = await startResendFake();
  project.provide("resendUrl", resend.url);
  const [graph, twilio, anthropic] = await Promise.all([startGraphFake(), startTwilioFake(), startAnthropicFake(Number(process.env.HOMELINE_ANTHROPIC_FAKE_PORT ?? 0))]);
  project.provide("graphUrl", graph.url);
  project.provide("twilioUrl", twilio.url);
  project.provide("anthropicUrl", anthropic.url);
  const stripe = await startStripeFake(Number(process.env.HOMELINE_STRIPE_FAKE_PORT ?? 0));
  project.provide("stripeUrl", stripe.url);
  const pg = await startTestPostgres();
  project.provide("pgUrl", pg?.url ?? null);
  const close = (server: { close(cb: () => void): void }) => new Promise<void>((resolve) => server.close(() => resolve()));
  return async () => {
    await Promise.all([resend.server, graph.server, twilio.server, anthropic.server, stripe.server].map(close));
    await pg?.drop();
  };
}
