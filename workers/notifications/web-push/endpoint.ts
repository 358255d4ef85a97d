const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

/**
 * What is wrong with a browser's push endpoint, or null. Push services are HTTPS; plain HTTP
 * is accepted only on loopback outside production (the local push-service fake).
 */
export function pushEndpointProblem(endpoint: string, environment: string): string | null {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return "The push endpoint is not a URL.";
  }
  if (url.protocol === "https:" && !url.username && !url.password) return null;
  if (url.protocol === "http:" && environment !== "production" && LOOPBACK.has(url.hostname)) return null;
  return "The push endpoint must be an https:// URL of a push service.";
}
