/** Control of a live call (Twilio's Calls REST resource). */
export interface CallControl {
  readonly name: string;
  readonly simulated: boolean;
  /** Replaces what the call is doing with new TwiML (a transfer is a <Dial>). */
  redirect(callSid: string, twiml: string): Promise<void>;
  hangup(callSid: string): Promise<void>;
}
