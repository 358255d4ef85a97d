import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, inject, it } from "vitest";

import {
  postTwilio,
  postWhatsApp,
  replies,
  settle,
  smsParams,
  thread,
  uniqueDigits,
  whatsappText,
  workspace,
  type Workspace,
} from "../../tests/conversations";
import { claudeRequests, scriptClaude, scriptTranscript, twilioFile } from "../../tests/media";
import type { Env } from "../env";
import { MEDIA_LINES } from "./understand-media";
import { conversationObject } from "../../durable-objects/stubs";

const ACCOUNT = "AC00000000000000000000000000000000";

/** The contact's Conversation object talks to the channel fakes (the test bindings have no sending keys). */
async function withKeys(ws: Workspace, channelId: string, contact: string, keys: Partial<Env>) {
  await runInDurableObject(
    conversationObject(env, ws.tenantId, channelId, contact),
    (instance) => void Object.assign(instance, { env: { ...env, ...keys } }),
  );
}
const graphKeys = () => ({ WHATSAPP_ACCESS_TOKEN: "EAA-test-token", WHATSAPP_GRAPH_URL: inject("graphUrl") });
const twilioKeys = () => ({ TWILIO_ACCOUNT_SID: ACCOUNT, TWILIO_API_URL: inject("twilioUrl") });

/** A WhatsApp Cloud API webhook carrying one voice note or photo (Meta's shape: the media by id). */
function whatsappMedia(ws: Workspace, from: string, media: { type: "audio" | "image"; id: string; caption?: string }) {
  const id = `wamid.${uniqueDigits(12)}`;
  const body = JSON.parse(whatsappText(ws, from, "", id));
  const message = body.entry[0].changes[0].value.messages[0];
  delete message.text;
  message.type = media.type;
  message[media.type] =
    media.type === "audio"
      ? { id: media.id, mime_type: "audio/ogg; codecs=opus", voice: true }
      : { id: media.id, mime_type: "image/jpeg", ...(media.caption ? { caption: media.caption } : {}) };
  return { id, body: JSON.stringify(body) };
}

const customerMessage = (t: any) => t.messages.find((m: any) => m.direction === "in");

describe("integration: voice notes and photos are understood, shown in the thread and answered", () => {
  it("a WhatsApp voice note is transcribed (Deepgram pre-recorded) and the engine answers its words", async () => {
    const ws = await workspace();
    const customer = `1512${uniqueDigits(7)}`;
    await withKeys(ws, ws.whatsapp.id, customer, graphKeys());
    const note = whatsappMedia(ws, customer, { type: "audio", id: `media-audio-${uniqueDigits(6)}` });
    await scriptTranscript(note.id, "Water is pouring through my kitchen ceiling!");
    expect((await postWhatsApp(note.body)).status).toBe(200);
    await settle();
    const t = await thread(ws, customer);
    expect(customerMessage(t)).toMatchObject({ kind: "audio", payload: { transcript: "Water is pouring through my kitchen ceiling!" } });
    expect(customerMessage(t).mediaUrl).toBeTruthy();
    expect(replies(t).at(-1)).toMatch(/urgent.*address/is);
    expect(replies(t).join(" ")).not.toMatch(/What do you need help with/i);
  });

  it("without a speech-to-text key the customer is asked, kindly, to type — and nothing else", async () => {
    const ws = await workspace();
    const customer = `1512${uniqueDigits(7)}`;
    await withKeys(ws, ws.whatsapp.id, customer, { ...graphKeys(), DEEPGRAM_API_KEY: undefined });
    expect((await postWhatsApp(whatsappMedia(ws, customer, { type: "audio", id: `media-audio-${uniqueDigits(6)}` }).body)).status).toBe(
      200,
    );
    await settle();
    const t = await thread(ws, customer);
    expect(replies(t)).toEqual([MEDIA_LINES.voiceNoteUnheard]);
    expect(customerMessage(t).payload).toBeNull();
  });

  it("a Twilio MMS photo is described by Claude vision; the description is in the thread and in what the engine reads", async () => {
    const company = `Roof Sight ${uniqueDigits(6)}`;
    const ws = await workspace(company, "auto");
    const customer = `+1512${uniqueDigits(7)}`;
    await withKeys(ws, ws.sms.id, customer, twilioKeys());
    await scriptClaude(company, [
      {
        when: "Describe the photo for the team",
        content: [
          {
            type: "tool_use",
            id: "toolu_photo",
            name: "record_photo_description",
            input: {
              description: "Water stain spreading across a bedroom ceiling.",
              damage: ["water stain"],
              trade: "roofing",
              urgency: "emergency",
            },
          },
        ],
        stop_reason: "tool_use",
      },
      { content: [{ type: "text", text: "That looks like an active roof leak. What's the address?" }], stop_reason: "end_turn" },
    ]);
    const mediaUrl = await twilioFile(
      `/2010-04-01/Accounts/${ACCOUNT}/Messages/MM${uniqueDigits(32)}/Media/ME${uniqueDigits(32)}`,
      "image/jpeg",
      new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 7, 7, 7]),
    );
    const params = { ...smsParams(ws, customer, ""), NumMedia: "1", MediaUrl0: mediaUrl, MediaContentType0: "image/jpeg" };
    expect((await postTwilio(params)).status).toBe(200);
    await settle();
    const t = await thread(ws, customer);
    expect(customerMessage(t)).toMatchObject({
      kind: "image",
      mediaType: "image/jpeg",
      payload: { photo: { description: "Water stain spreading across a bedroom ceiling.", trade: "roofing", urgency: "emergency" } },
    });
    expect(replies(t)).toEqual(["That looks like an active roof leak. What's the address?"]);
    const conversationTurn = (await claudeRequests(company)).find((r) => !r.tool_choice);
    expect(JSON.stringify(conversationTurn.messages.at(-1))).toContain(
      "Photo: Water stain spreading across a bedroom ceiling. Trade: roofing. It is urgent.",
    );
  });

  it("without vision a photo is acknowledged and its caption read; with nothing to read the customer is asked what it shows", async () => {
    const ws = await workspace();
    const captioned = `1512${uniqueDigits(7)}`;
    await withKeys(ws, ws.whatsapp.id, captioned, graphKeys());
    await postWhatsApp(
      whatsappMedia(ws, captioned, {
        type: "image",
        id: `media-${uniqueDigits(6)}`,
        caption: "Water is pouring through my kitchen ceiling!",
      }).body,
    );
    await settle();
    const first = replies(await thread(ws, captioned));
    expect(first[0]).toBe(MEDIA_LINES.photoSaved);
    expect(first[1]).toMatch(/urgent.*address/is);

    const bare = `1512${uniqueDigits(7)}`;
    await withKeys(ws, ws.whatsapp.id, bare, graphKeys());
    await postWhatsApp(whatsappMedia(ws, bare, { type: "image", id: `media-${uniqueDigits(6)}` }).body);
    await settle();
    expect(replies(await thread(ws, bare))).toEqual([MEDIA_LINES.photoAsk]);
  });
});
