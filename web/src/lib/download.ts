/**
 * Lets the browser download `url` itself, streaming it to disk (for large files): the server
 * names the file with Content-Disposition unless `name` is given. The URL must carry its own
 * authorization (e.g. a short-lived ?ticket=), since no Authorization header can be added.
 */
export function downloadUrl(url: string, name = ""): void {
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
}

/** Saves a fetched response body as a file (for downloads that need the Authorization header). */
export async function saveResponse(response: Response, fallbackName: string): Promise<void> {
  const disposition = response.headers.get("Content-Disposition") ?? "";
  const name = /filename="([^"]+)"/.exec(disposition)?.[1] ?? fallbackName;
  const url = URL.createObjectURL(await response.blob());
  downloadUrl(url, name);
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
