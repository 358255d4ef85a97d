import { sha256Hex } from "../lib/ids";
import type { AerialImage } from "../providers/imagery/provider";

const EXTENSIONS: Record<string, string> = { "image/png": "png", "image/jpeg": "jpg" };

/**
 * Stores an aerial image in R2 under the hash of its bytes (`imagery/{sha256}.png|jpg`), so the
 * same image is kept once however many scans see it. Returns the key.
 */
export async function storeImage(bucket: R2Bucket, image: AerialImage): Promise<string> {
  const extension = EXTENSIONS[image.contentType];
  if (!extension) throw new Error(`Unsupported aerial image type ${image.contentType}`);
  const key = `imagery/${await sha256Hex(image.bytes)}.${extension}`;
  if (await bucket.head(key)) return key;
  await bucket.put(key, image.bytes, {
    httpMetadata: { contentType: image.contentType, cacheControl: "private, max-age=31536000, immutable" },
    customMetadata: { source: image.source, ...(image.capturedAt ? { capturedAt: image.capturedAt } : {}) },
  });
  return key;
}
