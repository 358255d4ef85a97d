import type Anthropic from "@anthropic-ai/sdk";
import { z } from "zod";
import type { CallSummarizer, CallSummary, SummaryInput } from "./summary";

const TOOL = "record_call_summary";
const TOOL_SPEC: Anthropic.Tool = {
  name: TOOL,
  description: "Record the post-call summary and how well the job was qualified.",
  input_schema: {
    type: "object",
    properties: {
      summary: {
        type: "string",
        description:
          "Two or three plain sentences for the team: the job, where, who, how urgent, and what was agreed (booking, handover or nothing).",
      },
      qualification_score: {
        type: "integer",
        minimum: 0,
        maximum: 100,
        description: "0–100: how completely the call qualified a real job (trade, address, name, urgency, description, a booked visit).",
      },
    },
    required: ["summary", "qualification_score"],
  },
};
const Output = z.object({ summary: z.string().trim().min(1).max(2000), qualification_score: z.number().int().min(0).max(100) });

/** Claude writes the summary through a forced tool call, so its answer is structured and validated. */
export class ClaudeSummarizer implements CallSummarizer {
  readonly name = "claude";

  constructor(private readonly client: Anthropic) {}

  async summarize(input: SummaryInput): Promise<CallSummary> {
    const response = await this.client.messages.create({
      model: input.settings.model,
      max_tokens: 512,
      system: `You review phone calls answered for ${input.tenantName}, a home-services company, by its virtual assistant. Summarise the call for the team and score its qualification with ${TOOL}.`,
      tools: [TOOL_SPEC],
      tool_choice: { type: "tool", name: TOOL },
      messages: [{ role: "user", content: transcriptText(input) }],
    });
    const call = response.content.find((block): block is Anthropic.ToolUseBlock => block.type === "tool_use" && block.name === TOOL);
    if (!call) throw new Error(`Claude did not call ${TOOL}`);
    const parsed = Output.parse(call.input);
    return { summary: parsed.summary, qualificationScore: parsed.qualification_score, summarizer: this.name };
  }
}

function transcriptText({ history, state }: SummaryInput): string {
  const lines = history.map((h) => `${h.role === "customer" ? "Caller" : "Assistant"}: ${h.text}`);
  const known = state ? JSON.stringify({ job: state.job, stage: state.stage, booking: state.booking }) : "nothing";
  return `The call:\n${lines.length ? lines.join("\n") : "(the caller said nothing)"}\n\nWhat the assistant recorded: ${known}`;
}
