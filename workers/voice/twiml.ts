/** TwiML for the Gather/Say turn flow (Twilio's own speech recognition and voices). */

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8"?>';

export function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");
}

const say = (text: string) => `<Say voice="Polly.Joanna">${escapeXml(text)}</Say>`;

/** Says `lines` inside a speech Gather (DTMF too, so "0" reaches a person) that posts back to `action`. */
export function gatherTwiml(lines: string[], action: string): string {
  const gather = `<Gather input="speech dtmf" numDigits="1" action="${escapeXml(action)}" method="POST" speechTimeout="auto" language="en-US">${lines.map(say).join("")}</Gather>`;
  // No answer at all: one reprompt by redirecting to the same action with nothing said.
  return `${XML_HEAD}<Response>${gather}${say("Sorry, I didn't catch that.")}<Redirect method="POST">${escapeXml(action)}</Redirect></Response>`;
}

/** Says `lines` and ends the call (refusals, goodbyes). */
export function sayHangupTwiml(lines: string[]): string {
  return `${XML_HEAD}<Response>${lines.map(say).join("")}<Hangup/></Response>`;
}

/**
 * Hands the call to our Media Streams socket (bidirectional <Connect><Stream>). Values travel as
 * <Parameter>s: Twilio refuses a query string on the Stream URL.
 */
export function streamTwiml(url: string, parameters: Record<string, string>): string {
  const params = Object.entries(parameters)
    .map(([name, value]) => `<Parameter name="${escapeXml(name)}" value="${escapeXml(value)}"/>`)
    .join("");
  return `${XML_HEAD}<Response><Connect><Stream url="${escapeXml(url)}">${params}</Stream></Connect></Response>`;
}

/**
 * Says `lines` and connects the caller to `number`. With `action`, Twilio posts the outcome
 * (DialCallStatus) there when the leg ends, so a transfer nobody answered can go to voicemail.
 */
export function dialTwiml(lines: string[], number: string, action?: string): string {
  const attributes = action ? ` action="${escapeXml(action)}" method="POST" timeout="20"` : "";
  return `${XML_HEAD}<Response>${lines.map(say).join("")}<Dial${attributes}>${escapeXml(number)}</Dial></Response>`;
}

/**
 * Says `lines`, then records a message after the tone (up to 2 minutes, # or 5 s of silence
 * ends it). `action` answers when the recording ends; `recordingStatusCallback` gets the
 * recording once Twilio has stored it.
 */
export function voicemailTwiml(lines: string[], urls: { action: string; recordingStatusCallback: string }): string {
  const record = `<Record action="${escapeXml(urls.action)}" method="POST" maxLength="120" timeout="5" finishOnKey="#" playBeep="true" recordingStatusCallback="${escapeXml(urls.recordingStatusCallback)}" recordingStatusCallbackMethod="POST" recordingStatusCallbackEvent="completed"/>`;
  return `${XML_HEAD}<Response>${lines.map(say).join("")}${record}</Response>`;
}
