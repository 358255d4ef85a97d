import { and, eq } from "drizzle-orm";
import type { Env } from "../env";
import { database, tables } from "../db/client";
import { log } from "../http/log";
import { smsProvider } from "../providers/sms";
import { whatsappProvider } from "../providers/whatsapp";
import type { FetchedMedia } from "../providers/whatsapp/provider";
import type { InboundContent } from "./inbound";

/**
 * Downloads an inbound image or voice note from the provider into R2 (private; served to the
 * app through an authenticated route). A download that fails is recorded on the message, not
 * retried forever: the conversation must go on without it. Returns the file (for transcription
 * or description), or null when there is none.
 */
export async function storeInboundMedia(
  env: Env,
  target: { tenantId: string; conversationId: string; messageId: string; via: "whatsapp" | "sms" },
  media: NonNullable<InboundContent["media"]>,
): Promise<FetchedMedia | null> {
  const { messages } = tables;
  const db = database(env.DB);
  const where = and(eq(messages.tenantId, target.tenantId), eq(messages.id, target.messageId));
  try {
    const fetched =
      target.via === "whatsapp"
        ? media.id
          ? await whatsappProvider(env).fetchMedia(media.id)
          : null
        : media.url
          ? await smsProvider(env).fetchMedia(media.url)
          : null;
    if (!fetched) {
      await db.update(messages).set({ mediaType: media.mimeType, errorCode: "media_unavailable_locally" }).where(where);
      return null;
    }
    const key = `media/${target.tenantId}/${target.conversationId}/${target.messageId}`;
    await env.MEDIA.put(key, fetched.bytes, { httpMetadata: { contentType: fetched.mimeType } });
    await db.update(messages).set({ mediaKey: key, mediaType: fetched.mimeType }).where(where);
    return fetched;
  } catch (err) {
    log("warn", "media download failed", {
      tenantId: target.tenantId,
      messageId: target.messageId,
      error: err instanceof Error ? err.message : String(err),
    });
    await db.update(messages).set({ mediaType: media.mimeType, errorCode: "media_download_failed" }).where(where);
    return null;
  }
}
