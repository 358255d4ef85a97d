import { env } from "cloudflare:workers";
import { getExpectedTwilioSignature } from "twilio/lib/webhooks/webhooks";
import { expect } from "vitest";
import { call } from "./api";
import { TWILIO_TOKEN, uniqueDigits, type Workspace } from "./conversations";
import { parseXml } from "./xml";

export const VOICE_URL = "http://localhost:8787/webhooks/twilio/voice";

/** A Twilio voice webhook request, signed as Twilio signs it (or with `signature`, or none). */
export function postVoice(
  path: "" | "/status" | "/dial" | "/voicemail" | "/recording",
  params: Record<string, string>,
  signature: string | null = getExpectedTwilioSignature(TWILIO_TOKEN, VOICE_URL + path, params),
) {
  return call("POST", `/webhooks/twilio/voice${path}`, {
    raw: new URLSearchParams(params).toString(),
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...(signature ? { "X-Twilio-Signature": signature } : {}) },
  });
}

/** One call from `from` to the workspace's Twilio number; `say` answers a Gather turn. */
export function phoneCall(ws: Workspace, from = `+1512${uniqueDigits(7)}`) {
  const base = {
    AccountSid: "AC00000000000000000000000000000000",
    CallSid: `CA${uniqueDigits(32)}`,
    From: from,
    To: ws.sms.number,
    Direction: "inbound",
  };
  const turn = async (extra: Record<string, string> = {}) => {
    const response = await postVoice("", { ...base, CallStatus: "in-progress", ...extra });
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toContain("text/xml");
    return parseXml(await response.text());
  };
  return {
    ...base,
    start: () => turn(),
    say: (speech: string) => turn({ SpeechResult: speech, Confidence: "0.92" }),
    press: (digits: string) => turn({ Digits: digits }),
    end: (seconds: number) => postVoice("/status", { ...base, CallStatus: "completed", CallDuration: String(seconds) }),
  };
}

export interface SeededCall {
  id: string;
  callSid: string;
}

/** A call row written directly (the API's view of calls does not depend on how they were made). */
export async function seedCall(
  ws: Pick<Workspace, "tenantId" | "sms">,
  fields: Partial<
    Record<"status" | "outcome" | "from_number" | "mode" | "lead_id" | "summary", string | null> &
      Record<"started_at" | "ended_at" | "duration_seconds" | "qualification_score" | "cost_credits", number | null>
  > = {},
): Promise<SeededCall> {
  const callSid = `CA${uniqueDigits(32)}`;
  const id = `call_${callSid}`;
  const now = Date.now();
  const row = {
    id,
    tenant_id: ws.tenantId,
    call_sid: callSid,
    channel_id: ws.sms.id,
    from_number: "+15125550100",
    to_number: ws.sms.number,
    status: "completed",
    started_at: now,
    created_at: now,
    updated_at: now,
    ...fields,
  };
  const columns = Object.keys(row);
  await env.DB.prepare(`INSERT INTO calls (${columns.join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`)
    .bind(...Object.values(row))
    .run();
  return { id, callSid };
}

/** A μ-law 8 kHz mono WAV of `seconds` of silence, with a fmt extension and a fact chunk a reader must walk past. */
export function mulawWav(seconds: number): Uint8Array {
  const dataBytes = Math.round(seconds * 8000);
  const wav = new Uint8Array(58 + dataBytes);
  const view = new DataView(wav.buffer);
  const ascii = (at: number, text: string) => [...text].forEach((ch, i) => (wav[at + i] = ch.charCodeAt(0)));
  ascii(0, "RIFF");
  view.setUint32(4, wav.length - 8, true);
  ascii(8, "WAVE");
  ascii(12, "fmt ");
  view.setUint32(16, 18, true); // non-PCM formats carry cbSize
  view.setUint16(20, 7, true); // WAVE_FORMAT_MULAW
  view.setUint16(22, 1, true);
  view.setUint32(24, 8000, true);
  view.setUint32(28, 8000, true); // byte rate
  view.setUint16(32, 1, true);
  view.setUint16(34, 8, true);
  view.setUint16(36, 0, true);
  ascii(38, "fact");
  view.setUint32(42, 4, true);
  view.setUint32(46, dataBytes, true);
  ascii(50, "data");
  view.setUint32(54, dataBytes, true);
  wav.fill(0xff, 58); // μ-law silence
  return wav;
}
