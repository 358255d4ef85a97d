import type { Urgency } from "../../conversation-engine/engine";
import type { TRADES } from "../../leads/model";

/** What a customer's photo shows, for the team and for the conversation engine. */
export interface PhotoDescription {
  /** One or two sentences a dispatcher would write. */
  description: string;
  /** Visible damage, a few words each; empty when none is visible. */
  damage: string[];
  /** The trade the job needs, when the photo says. */
  trade: (typeof TRADES)[number] | null;
  urgency: Urgency | null;
}

export interface PhotoImage {
  bytes: ArrayBuffer | Uint8Array;
  mimeType: string;
}

export interface PhotoDescriber {
  readonly name: string;
  /** `company` names the workspace; `caption` is what the customer wrote with the photo (may be empty). */
  describe(image: PhotoImage, context: { company: string; caption: string }, signal?: AbortSignal): Promise<PhotoDescription>;
}
