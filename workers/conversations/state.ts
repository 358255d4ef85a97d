import type { EngineState } from "../conversation-engine/engine";

/** Everything the Conversation object keeps about one contact, beyond the last 20 messages. */
export interface ConversationState extends EngineState {
  conversationId: string;
  tenantId: string;
  channelId: string;
  /** How the customer sees it (WhatsApp through Twilio is still "whatsapp"; a phone call is "voice"). */
  channel: "whatsapp" | "sms" | "voice";
  contactAddress: string;
  contactPhone: string | null;
  contactName: string | null;
  leadId: string | null;
  proId: string | null;
  mode: "ai" | "human";
  optedOut: boolean;
}

export function initialState(
  init: Pick<
    ConversationState,
    "conversationId" | "tenantId" | "channelId" | "channel" | "contactAddress" | "contactPhone" | "contactName"
  >,
): ConversationState {
  return {
    ...init,
    leadId: null,
    proId: null,
    mode: "ai",
    optedOut: false,
    stage: "collecting",
    job: init.contactName ? { name: init.contactName } : {},
    asked: null,
    offered: [],
    booking: null,
  };
}
