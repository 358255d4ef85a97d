import type Anthropic from "@anthropic-ai/sdk";
import { TRADES } from "../leads/model";
import { URGENCIES, type EngineTools, type JobDetails } from "./engine";

/** The tools Claude may call; each maps onto EngineTools, which are bound to one tenant. */
export const CLAUDE_TOOLS: Anthropic.Tool[] = [
  {
    name: "save_job_details",
    description:
      "Save what you learned about the job as soon as you learn it. Send only the fields you know; returns the saved details and what is still missing.",
    input_schema: {
      type: "object",
      properties: {
        trade: { type: "string", enum: [...TRADES], description: "The kind of work." },
        description: { type: "string", description: "The problem in the customer's words, one or two sentences." },
        urgency: { type: "string", enum: [...URGENCIES], description: "emergency = needs someone today." },
        address: { type: "string", description: "Street address of the job." },
        city: { type: "string" },
        postcode: { type: "string", description: "ZIP code or postcode." },
        name: { type: "string", description: "The customer's name." },
      },
    },
  },
  {
    name: "find_available_slots",
    description:
      "Match the job to the best available pro and get up to three free appointment times. Call once trade, address and urgency are known; also to reschedule.",
    input_schema: { type: "object", properties: {} },
  },
  {
    name: "book_slot",
    description:
      "Book one of the offered times (moves the existing booking when rescheduling). If the time was taken, you get alternatives to offer.",
    input_schema: {
      type: "object",
      properties: { slot_id: { type: "string", description: "The slot_id from find_available_slots." } },
      required: ["slot_id"],
    },
  },
  {
    name: "cancel_booking",
    description: "Cancel the customer's booking when they ask to.",
    input_schema: { type: "object", properties: {} },
  },
  {
    name: "handoff_to_human",
    description:
      "Hand the conversation to a person on the team (the customer asked for one, or you cannot help). You stop answering afterwards.",
    input_schema: { type: "object", properties: { reason: { type: "string" } }, required: ["reason"] },
  },
];

/** Runs one tool call; the result is what Claude reads back. Unknown tools and bad input are reported, not thrown. */
export async function runClaudeTool(tools: EngineTools, name: string, input: Record<string, unknown>): Promise<unknown> {
  switch (name) {
    case "save_job_details": {
      const details: JobDetails = {};
      for (const key of ["trade", "description", "urgency", "address", "city", "postcode", "name"] as const) {
        if (typeof input[key] === "string" && input[key]) (details as Record<string, string>)[key] = (input[key] as string).slice(0, 1000);
      }
      if (details.trade && !(TRADES as readonly string[]).includes(details.trade)) details.trade = "other";
      if (details.urgency && !(URGENCIES as readonly string[]).includes(details.urgency)) delete details.urgency;
      return tools.saveJobDetails(details);
    }
    case "find_available_slots": {
      const search = await tools.findAvailableSlots();
      return search.ok ? { ok: true, pro: search.proName, slots: search.slots.map((s) => ({ slot_id: s.id, time: s.label })) } : search;
    }
    case "book_slot": {
      const outcome = await tools.bookSlot(String(input.slot_id ?? ""));
      return outcome.ok
        ? outcome
        : { ok: false, reason: outcome.reason, alternatives: outcome.alternatives.map((s) => ({ slot_id: s.id, time: s.label })) };
    }
    case "cancel_booking":
      return tools.cancelBooking();
    case "handoff_to_human":
      await tools.handoffToHuman(String(input.reason ?? "The assistant handed over."));
      return { ok: true, note: "A person will take over; say so briefly." };
    default:
      return { ok: false, error: `Unknown tool ${name}.` };
  }
}
