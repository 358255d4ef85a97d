import { and, desc, eq } from "drizzle-orm";
import type { Env } from "../env";
import { database, tables } from "../db/client";
import { newId } from "../lib/ids";

// Carrier opt-out and opt-in words (the whole message, one word). WhatsApp honours the two
// that cannot mean anything else.
const SMS_OPT_OUT = new Set(["stop", "stopall", "unsubscribe", "cancel", "end", "quit"]);
const WHATSAPP_OPT_OUT = new Set(["stop", "unsubscribe"]);
const OPT_IN = new Set(["start", "yes", "unstop"]);

export type ConsentKeyword = { action: "opt_out" | "opt_in"; keyword: string };

/** The consent meaning of a message, if it is one. Opt-in words count only for an opted-out number. */
export function consentKeyword(text: string, channel: "whatsapp" | "sms", optedOut: boolean): ConsentKeyword | null {
  const word = text
    .trim()
    .toLowerCase()
    .replace(/[.!]+$/, "");
  if ((channel === "sms" ? SMS_OPT_OUT : WHATSAPP_OPT_OUT).has(word)) return { action: "opt_out", keyword: word.toUpperCase() };
  if (optedOut && OPT_IN.has(word)) return { action: "opt_in", keyword: word.toUpperCase() };
  return null;
}

/** Consent is tracked per number: the same person on SMS and WhatsApp is one address. */
const consentAddress = (address: string) => address.replace(/^whatsapp:/, "").replace(/^(?=\d)/, "+");

export async function recordConsent(
  env: Env,
  input: { tenantId: string; address: string; channel: string } & ConsentKeyword,
): Promise<void> {
  await database(env.DB)
    .insert(tables.consentEvents)
    .values({
      id: newId("cns"),
      tenantId: input.tenantId,
      address: consentAddress(input.address),
      action: input.action,
      keyword: input.keyword,
      channel: input.channel,
      createdAt: Date.now(),
    });
}

export async function isOptedOut(env: Env, tenantId: string, address: string): Promise<boolean> {
  const { consentEvents } = tables;
  const latest = await database(env.DB).query.consentEvents.findFirst({
    where: and(eq(consentEvents.tenantId, tenantId), eq(consentEvents.address, consentAddress(address))),
    orderBy: [desc(consentEvents.createdAt), desc(consentEvents.id)],
  });
  return latest?.action === "opt_out";
}
