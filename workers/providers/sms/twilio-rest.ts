import { ProviderRejection } from "../whatsapp/provider";

/** What Twilio's REST API answers: the resource, or an error with Twilio's code. */
export interface TwilioResource {
  sid?: string;
  status?: string;
  code?: number;
  message?: string;
}

export function twilioAuthorization(accountSid: string, authToken: string): string {
  return `Basic ${btoa(`${accountSid}:${authToken}`)}`;
}

/**
 * POSTs a form to Twilio's REST API (Basic auth of the account). A refusal retrying cannot fix
 * (a 4xx other than 429) throws ProviderRejection with Twilio's error code; 429 and 5xx throw
 * a plain Error so the caller's retry applies.
 */
export async function postTwilioForm(
  url: string,
  authorization: string,
  params: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<TwilioResource> {
  const response = await fetch(url, {
    method: "POST",
    headers: { Authorization: authorization, "Content-Type": "application/x-www-form-urlencoded", ...headers },
    body: new URLSearchParams(params),
    signal: AbortSignal.timeout(10_000),
  });
  const data = (await response.json().catch(() => ({}))) as TwilioResource;
  if (response.ok) return data;
  const detail = twilioErrorDetail(response.status, data);
  if (response.status === 429 || response.status >= 500) throw new Error(detail);
  throw new ProviderRejection(detail, String(data.code ?? response.status));
}

export function twilioErrorDetail(status: number, data: TwilioResource): string {
  return `Twilio ${status}: ${data.code ?? ""} ${data.message ?? ""}`.trim();
}
