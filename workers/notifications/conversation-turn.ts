import type { Env } from "../env";
import type { EngineTools } from "../conversation-engine/engine";
import type { ConversationState } from "../conversations/state";
import { alertNeedsPerson } from "./alerts";

const ASKED_FOR_PERSON = /\b(asked|asks|wants?) (for )?(a|to speak to a|to talk to a)? ?(person|human|someone|agent|member of)/i;

/**
 * Wraps one turn's tools so a hand-off is noticed, and after the turn tells the team when the
 * conversation needs a person: handed over (the customer asked, or the AI could not help), or
 * answered only by the backup engine because the AI failed. Keyed by the inbound message.
 */
export function watchForPerson(tools: EngineTools) {
  let reason: string | null = null;
  return {
    tools: {
      ...tools,
      handoffToHuman: (why: string) => {
        reason = why;
        return tools.handoffToHuman(why);
      },
    } satisfies EngineTools,
    async after(env: Env, state: ConversationState, messageId: string, engine: string, customerText: string): Promise<void> {
      const base = {
        tenantId: state.tenantId,
        conversationId: state.conversationId,
        contact: state.contactName ?? state.contactPhone ?? state.contactAddress,
        key: `${state.conversationId}:${messageId}`,
      };
      if (reason !== null)
        await alertNeedsPerson(env, {
          ...base,
          why: ASKED_FOR_PERSON.test(reason) ? "asked_for_human" : "handoff",
          detail: customerText ? `“${customerText}”` : reason,
        });
      else if (engine.endsWith("(fallback)"))
        await alertNeedsPerson(env, { ...base, why: "engine_failed", detail: "the backup engine answered; check the reply." });
    },
  };
}
