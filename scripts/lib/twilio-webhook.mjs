// A Twilio webhook as Twilio sends it: form-encoded, X-Twilio-Signature from the twilio package.
import { getExpectedTwilioSignature } from "twilio/lib/webhooks/webhooks.js";

/** POSTs `params` to `endpoint` signed with `authToken`; answers the response text, throwing on an HTTP error. */
export async function postTwilioWebhook(authToken, endpoint, params) {
  const response = await fetch(endpoint, {
    method: "POST",
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      "X-Twilio-Signature": getExpectedTwilioSignature(authToken, endpoint, params),
    },
    body: new URLSearchParams(params).toString(),
  }).catch((err) => {
    throw new Error(`Cannot reach ${new URL(endpoint).origin} (${err.cause?.code ?? err.message}). Is the server running?`);
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${endpoint} answered HTTP ${response.status}: ${text.slice(0, 300)}`);
  return text;
}
