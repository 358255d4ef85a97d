import type { Env } from "../env";
import { log } from "../http/log";
import { photoDescriber } from "../providers/photo";
import type { PhotoDescription } from "../providers/photo/provider";
import { recordingTranscriber } from "../providers/stt";
import type { FetchedMedia } from "../providers/whatsapp/provider";

/** What the app says about a voice note or photo it could not read, instead of a generic question. */
export const MEDIA_LINES = {
  voiceNoteUnheard: "Thanks for the voice note! I can't listen to recordings here, so could you type your message instead?",
  voiceNoteSilent: "Sorry, I couldn't make out any words in that voice note. Could you type your message instead?",
  photoSaved: "Thanks for the photo, I've added it to your request so the pro can see it.",
  photoAsk: "Thanks for the photo, I've added it to your request so the pro can see it. What's the problem it shows?",
} as const;

export interface MediaUnderstanding {
  /** What the engine reads as the customer's words (the caption, the transcript, the photo's description). */
  text: string;
  /** Kept on the message and shown in the thread. */
  payload: { transcript: string } | { photo: PhotoDescription } | null;
  /** Said before the engine's answer. */
  ack?: string;
  /** The whole answer: the engine does not run (there is nothing it could read). */
  answer?: string;
}

export interface InboundMedia {
  tenantId: string;
  company: string;
  /** The channel's message id: labels the provider request, so its usage can be matched to the message. */
  messageId: string;
  kind: "audio" | "image";
  caption: string;
  /** The downloaded file; null when the channel could not fetch it (no provider key, a failed download). */
  file: FetchedMedia | null;
  /** Whether the conversation already knows what the job is. */
  jobKnown: boolean;
}

/**
 * Turns a voice note into its words (Deepgram pre-recorded) and a photo into a description
 * (Claude vision) for the engine and the thread. Without a key, or when the provider fails, a
 * voice note gets a kind request to type and a photo is acknowledged with its caption read:
 * the customer is never asked a generic question about something they already sent.
 */
export async function understandMedia(env: Env, media: InboundMedia): Promise<MediaUnderstanding> {
  return media.kind === "audio" ? hearVoiceNote(env, media) : lookAtPhoto(env, media);
}

async function hearVoiceNote(env: Env, media: InboundMedia): Promise<MediaUnderstanding> {
  const transcriber = recordingTranscriber(env);
  if (!transcriber || !media.file) return { text: media.caption, payload: null, answer: MEDIA_LINES.voiceNoteUnheard };
  try {
    const heard = await transcriber.transcribe(media.file, { tag: media.messageId });
    if (!heard.text) return { text: media.caption, payload: { transcript: "" }, answer: MEDIA_LINES.voiceNoteSilent };
    return { text: [media.caption, heard.text].filter(Boolean).join("\n"), payload: { transcript: heard.text } };
  } catch (err) {
    failed("voice note not transcribed", media, transcriber.name, err);
    return { text: media.caption, payload: null, answer: MEDIA_LINES.voiceNoteUnheard };
  }
}

async function lookAtPhoto(env: Env, media: InboundMedia): Promise<MediaUnderstanding> {
  const describer = media.file ? await photoDescriber(env, media.tenantId) : null;
  if (describer && media.file) {
    try {
      const photo = await describer.describe(media.file, { company: media.company, caption: media.caption });
      return { text: [media.caption, photoWords(photo)].filter(Boolean).join("\n"), payload: { photo } };
    } catch (err) {
      failed("photo not described", media, describer.name, err);
    }
  }
  if (media.caption) return { text: media.caption, payload: null, ack: MEDIA_LINES.photoSaved };
  return media.jobKnown
    ? { text: "", payload: null, ack: MEDIA_LINES.photoSaved }
    : { text: "", payload: null, answer: MEDIA_LINES.photoAsk };
}

const URGENCY_WORDS = { emergency: "It is urgent.", soon: "It is needed soon.", flexible: "There is no rush." } as const;

/** The description as words both engines read (the local engine finds the trade and urgency words in it). */
function photoWords(photo: PhotoDescription): string {
  return [
    `Photo: ${photo.description}`,
    photo.trade && photo.trade !== "other" ? `Trade: ${photo.trade}.` : "",
    photo.urgency ? URGENCY_WORDS[photo.urgency] : "",
  ]
    .filter(Boolean)
    .join(" ");
}

function failed(message: string, media: InboundMedia, provider: string, err: unknown): void {
  log("warn", message, {
    tenantId: media.tenantId,
    messageId: media.messageId,
    provider,
    error: err instanceof Error ? err.message : String(err),
  });
}
