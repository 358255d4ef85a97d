import type Anthropic from "@anthropic-ai/sdk";
import { CLAUDE_TOOLS, runClaudeTool } from "./claude-tools";
import type { ConversationEngine, EngineTools, HistoryEntry, TurnInput, TurnResult } from "./engine";
import { slotReply } from "./local";
import { quoteTeam } from "./team-promise";

const MAX_STEPS = 6;

/**
 * Claude through the Messages API with tool use. Each turn loops: Claude answers or calls
 * tools, tool results go back, until it answers in text. With `onText` the turn streams (SSE)
 * and each text delta is passed on as it arrives.
 */
export class ClaudeEngine implements ConversationEngine {
  readonly name = "claude";

  constructor(private readonly client: Anthropic) {}

  async turn(input: TurnInput, tools: EngineTools): Promise<TurnResult> {
    const messages = conversation(input.history, customerText(input));
    let offeredThisTurn = false;
    const options = { signal: input.signal };
    for (let step = 0; step < MAX_STEPS; step++) {
      input.signal?.throwIfAborted();
      const request = { model: input.settings.model, max_tokens: 1024, system: systemPrompt(input), tools: CLAUDE_TOOLS, messages };
      const response = input.onText
        ? await this.streamed(request, options, input.onText)
        : await this.client.messages.create(request, options);
      messages.push({ role: "assistant", content: response.content });
      const calls = response.content.filter((block): block is Anthropic.ToolUseBlock => block.type === "tool_use");
      if (response.stop_reason !== "tool_use" || !calls.length) {
        const text = response.content
          .flatMap((block) => (block.type === "text" ? [block.text] : []))
          .join("")
          .trim();
        if (!text) return { replies: [], engine: this.name };
        // Times offered in this turn go out as buttons / numbered lines under Claude's words.
        const showSlots = offeredThisTurn && input.state.offered.length > 0;
        return { replies: [showSlots ? slotReply(text, input.state.offered) : { text }], engine: this.name };
      }
      const results: Anthropic.ToolResultBlockParam[] = [];
      for (const call of calls) {
        input.signal?.throwIfAborted();
        const output = await runClaudeTool(tools, call.name, (call.input ?? {}) as Record<string, unknown>);
        if (call.name === "find_available_slots" || call.name === "book_slot") offeredThisTurn = true;
        results.push({ type: "tool_result", tool_use_id: call.id, content: JSON.stringify(output) });
      }
      messages.push({ role: "user", content: results });
    }
    throw new Error(`Claude made more than ${MAX_STEPS} rounds of tool calls in one turn`);
  }

  private async streamed(
    request: Anthropic.MessageCreateParamsNonStreaming,
    options: Anthropic.RequestOptions,
    onText: (delta: string) => void,
  ): Promise<Anthropic.Message> {
    const stream = this.client.messages.stream(request, options);
    stream.on("text", (delta) => onText(delta));
    return stream.finalMessage();
  }
}

function systemPrompt(input: TurnInput): string {
  const { state } = input;
  const known = JSON.stringify({
    job: state.job,
    stage: state.stage,
    booking: state.booking,
    offered: state.offered.map((s) => ({ slot_id: s.id, time: s.label, pro: s.proName })),
  });
  return [
    `You answer customers of ${input.tenantName}, a home-services company, on ${input.channel === "sms" ? "SMS" : input.channel === "voice" ? "the phone" : "WhatsApp"}.`,
    "Learn the trade, a short description, the urgency (emergency / soon / flexible), the job address (street and ZIP code or postcode, or city) and the customer's name. Save each detail with save_job_details as soon as you learn it. Ask for one missing thing at a time.",
    `When nothing is missing, call find_available_slots and offer the times; ${input.channel === "voice" ? "they are read out as numbered options after your words, so do not list them yourself" : "the app shows them as numbered buttons, so refer to them by number"}. When the customer picks one, call book_slot with its slot_id. To reschedule, call find_available_slots then book_slot. To cancel, call cancel_booking. If they ask for a person or you cannot help, call handoff_to_human.`,
    "Reply in one or two short, friendly sentences of plain text (no markdown). Never invent times, prices or pros.",
    input.channel === "voice"
      ? "Your words are spoken aloud as you write them: no lists, symbols or emoji, and say digits of phone numbers in groups."
      : "",
    teamContext(input),
    `What is known so far: ${known}`,
    input.settings.instructions ? `Instructions from ${input.tenantName}: ${input.settings.instructions}` : "",
  ]
    .filter(Boolean)
    .join("\n\n");
}

/** After a hand-back: what the team said and did stands, and Claude answers from it. */
function teamContext(input: TurnInput): string {
  const notes = input.state.teamNotes ?? [];
  if (!notes.length) return "";
  const said = notes.map((note) => `- ${quoteTeam(note, input.timeZone)}`).join("\n");
  return [
    "A person on the team took this conversation over and has handed it back to you. Their messages are in the history marked [team]; the latest:",
    said,
    "What the team said and did stands. Never contradict it: do not offer other times, do not say no pro is available, and do not hand off again for something they arranged. When the customer asks about it (for example what time the pro will come), answer from the team's words. Only change an arrangement when the customer asks to.",
  ].join("\n");
}

function customerText(input: TurnInput): string {
  const { message } = input;
  if (message.location)
    return `[shared location: ${message.location.address ?? message.location.name ?? ""} (${message.location.lat}, ${message.location.lng})] ${message.text}`.trim();
  if (message.choiceId) return `[tapped "${message.text}" (${message.choiceId})]`;
  return message.text || "[sent an attachment]";
}

/** Prior messages and the new one as alternating user/assistant turns starting with the user, as the API requires. */
function conversation(history: HistoryEntry[], current: string): Anthropic.MessageParam[] {
  const turns: { role: "user" | "assistant"; content: string }[] = [];
  for (const entry of [...history, { role: "customer" as const, text: current }]) {
    const role = entry.role === "customer" ? "user" : "assistant";
    // The team spoke on the business's side of the thread; marked so Claude knows a person said it.
    const text = entry.role === "team" ? `[team] ${entry.text}` : entry.text;
    const last = turns.at(-1);
    if (last?.role === role) last.content = `${last.content}\n${text}`;
    else if (turns.length || role === "user") turns.push({ role, content: text });
  }
  return turns;
}
