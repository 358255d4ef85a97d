// Provider-shaped webhook bodies, exactly as Meta and Twilio send them. Used by the Settings →
// Channels test panel, the simulators (scripts/simulate-*.mjs import this file directly, so
// it has no imports) and tests.

export interface MetaTextInput {
  phoneNumberId: string;
  displayNumber: string;
  /** The customer's wa_id: digits only, no "+". */
  from: string;
  name?: string;
  text: string;
  id: string;
  timestamp: number;
}

/** A WhatsApp Cloud API "messages" webhook carrying one text message. */
export function metaTextWebhook(input: MetaTextInput) {
  return {
    object: "whatsapp_business_account",
    entry: [
      {
        id: "WHATSAPP_BUSINESS_ACCOUNT_ID",
        changes: [
          {
            field: "messages",
            value: {
              messaging_product: "whatsapp",
              metadata: { display_phone_number: input.displayNumber.replace(/\D/g, ""), phone_number_id: input.phoneNumberId },
              contacts: [{ profile: { name: input.name ?? "Test Customer" }, wa_id: input.from }],
              messages: [
                {
                  from: input.from,
                  id: input.id,
                  timestamp: String(Math.floor(input.timestamp / 1000)),
                  type: "text",
                  text: { body: input.text },
                },
              ],
            },
          },
        ],
      },
    ],
  };
}

/** The form parameters of a Twilio inbound SMS webhook. */
export function twilioSmsParams(input: {
  accountSid: string;
  from: string;
  to: string;
  text: string;
  sid: string;
}): Record<string, string> {
  return {
    ToCountry: "US",
    SmsMessageSid: input.sid,
    NumMedia: "0",
    SmsSid: input.sid,
    SmsStatus: "received",
    Body: input.text,
    To: input.to,
    NumSegments: "1",
    MessageSid: input.sid,
    AccountSid: input.accountSid,
    From: input.from,
    ApiVersion: "2010-04-01",
  };
}
