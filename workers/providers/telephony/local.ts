import { log } from "../../http/log";
import type { CallControl } from "./provider";

/** No Twilio account (local development, the simulator): the action is logged with the call sid and goes nowhere. */
export class LocalCallControl implements CallControl {
  readonly name = "local";
  readonly simulated = true;

  async redirect(callSid: string, twiml: string): Promise<void> {
    log("info", "call control simulated", { callSid, action: "redirect", dial: /<Dial\b/.test(twiml) });
  }

  async hangup(callSid: string): Promise<void> {
    log("info", "call control simulated", { callSid, action: "hangup" });
  }
}
