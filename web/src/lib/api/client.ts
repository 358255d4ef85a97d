import { untrack } from "svelte";
import { auth } from "../auth.svelte";
import { ApiError, toApiError } from "./problem";

type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  query?: URLSearchParams | Record<string, QueryValue>;
  /** Sent as JSON. */
  json?: unknown;
  /** Sent as is (e.g. a CSV file) with `contentType`. */
  body?: Blob | string;
  contentType?: string;
  /** Extra request headers (e.g. Idempotency-Key). */
  headers?: Record<string, string>;
}

/**
 * Every call to /api/v1 goes through here: bearer token, one retry after a refresh on 401,
 * and problem+json failures thrown as ApiError.
 */
export async function apiFetch(path: string, options: RequestOptions = {}): Promise<Response> {
  const url = apiUrl(path, options.query);
  const headers: Record<string, string> = { ...options.headers };
  if (options.json !== undefined) headers["Content-Type"] = "application/json";
  if (options.contentType) headers["Content-Type"] = options.contentType;
  const body = options.json !== undefined ? JSON.stringify(options.json) : options.body;
  const send = (token: string | null) =>
    fetch(url, { method: options.method ?? "GET", headers: token ? { ...headers, Authorization: `Bearer ${token}` } : headers, body });

  // Untracked: an effect that calls the API must not re-run just because the token was refreshed.
  let response = await send(untrack(() => auth.token));
  if (response.status === 401) {
    const session = await auth.refresh();
    if (!session) throw new ApiError(401, "Unauthorized", "Your session has ended. Log in again.");
    response = await send(session.accessToken);
  }
  if (!response.ok) throw await toApiError(response);
  return response;
}

/** JSON in, JSON out (undefined for 204). */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await apiFetch(path, options);
  return (response.status === 204 ? undefined : await response.json()) as T;
}

/** The full URL of an API path, e.g. for a download link that carries its own ticket. */
export function apiUrl(path: string, query?: RequestOptions["query"]): string {
  return `/api/v1${path}${queryString(query)}`;
}

function queryString(query: RequestOptions["query"]): string {
  if (!query) return "";
  const params = query instanceof URLSearchParams ? query : new URLSearchParams();
  if (!(query instanceof URLSearchParams)) {
    for (const [key, value] of Object.entries(query))
      if (value !== undefined && value !== null && value !== "") params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}
