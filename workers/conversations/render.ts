import type { Reply } from "../conversation-engine/engine";

export interface RenderedMessage {
  /** What the outbox and the inbox show. */
  body: string;
  /** The provider request body's message part (WhatsApp), or null for plain text. */
  payload: Record<string, unknown> | null;
  kind: "text" | "interactive" | "template";
}

const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

/**
 * A reply in the channel's own form: WhatsApp gets reply buttons (up to 3, titles ≤ 20
 * characters) or a list (up to 10 rows); SMS gets the choices as numbered lines.
 */
export function renderReply(kind: "whatsapp" | "sms", reply: Reply): RenderedMessage {
  const choices = reply.choices?.slice(0, 10) ?? [];
  if (!choices.length) return { body: reply.text, payload: null, kind: "text" };
  const numbered = `${reply.text}\n${choices.map((c, i) => `${i + 1}) ${c.title}${c.description ? ` (${c.description})` : ""}`).join("\n")}\nReply with a number.`;
  if (kind === "sms") return { body: numbered, payload: null, kind: "text" };
  const interactive =
    choices.length <= 3
      ? {
          type: "button",
          body: { text: clip(reply.text, 1024) },
          action: { buttons: choices.map((c) => ({ type: "reply", reply: { id: c.id, title: clip(c.title, 20) } })) },
        }
      : {
          type: "list",
          body: { text: clip(reply.text, 1024) },
          action: {
            button: "Choose a time",
            sections: [
              {
                title: "Times",
                rows: choices.map((c) => ({
                  id: c.id,
                  title: clip(c.title, 24),
                  ...(c.description ? { description: clip(c.description, 72) } : {}),
                })),
              },
            ],
          },
        };
  return { body: numbered, payload: { type: "interactive", interactive }, kind: "interactive" };
}

/** The approved template sent when the 24-hour window is closed. */
export function renderTemplate(name: string, language: string, tenantName: string): RenderedMessage {
  return {
    body: `[template ${name}] ${tenantName} has an update about your request. Reply to continue the conversation.`,
    payload: {
      type: "template",
      template: { name, language: { code: language }, components: [{ type: "body", parameters: [{ type: "text", text: tenantName }] }] },
    },
    kind: "template",
  };
}
