/** Every kind of alert a member can receive, and what each says by default. */
export const NOTIFICATION_KINDS = [
  "needs_person",
  "urgent_lead",
  "booking",
  "call",
  "message_failed",
  "wallet_low",
  "handoff_escalation",
] as const;

export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export interface ChannelChoice {
  inApp: boolean;
  push: boolean;
  sms: boolean;
  email: boolean;
}

export const KIND_LABELS: Record<NotificationKind, string> = {
  needs_person: "A conversation needs a person",
  urgent_lead: "An urgent lead",
  booking: "A booking made, moved or cancelled",
  call: "A call transferred, refused or missed",
  message_failed: "A message that could not be sent",
  wallet_low: "The wallet is running low",
  handoff_escalation: "A hand-off nobody opened (owners)",
};

// In-app and push for everything; the escalation and a low wallet also email, since they cost money or customers.
export const DEFAULT_CHOICE: Record<NotificationKind, ChannelChoice> = {
  needs_person: { inApp: true, push: true, sms: false, email: false },
  urgent_lead: { inApp: true, push: true, sms: false, email: false },
  booking: { inApp: true, push: false, sms: false, email: false },
  call: { inApp: true, push: true, sms: false, email: false },
  message_failed: { inApp: true, push: false, sms: false, email: false },
  wallet_low: { inApp: true, push: false, sms: false, email: true },
  handoff_escalation: { inApp: true, push: true, sms: false, email: true },
};
