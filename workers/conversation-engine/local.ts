import type { ConversationEngine, EngineTools, JobDetails, OfferedSlot, Reply, RequiredDetail, TurnInput, TurnResult } from "./engine";
import { CANCEL, chosenNumber, extractDetails, HUMAN, NO, RESCHEDULE } from "./extract";
import { summarizeJob } from "./job-summary";
import { ASKS_ABOUT_VISIT, quoteTeam, teamPromise } from "./team-promise";

type Channel = TurnInput["channel"];

const QUESTIONS: Record<RequiredDetail, string> = {
  trade: "What do you need help with? For example a roof leak, a blocked drain or an electrical fault.",
  address: "What's the address of the job? Street and ZIP code or postcode, or share your location.",
  name: "And what name should the pro ask for?",
  urgency: "Is it an emergency that needs someone today? (yes/no)",
};

// On a call there is nothing to tap, share or reply to: the same steps, worded for the ear.
const VOICE_QUESTIONS: Record<RequiredDetail, string> = {
  ...QUESTIONS,
  address: "What's the address of the job? Tell me the street and the ZIP code or postcode.",
  urgency: "Is it an emergency that needs someone today?",
};

const WORDING = {
  text: {
    handoff: "Of course. A member of our team will reply here shortly.",
    booked: "Reply RESCHEDULE to change the time, CANCEL BOOKING to cancel, or AGENT to talk to a person.",
    afterBooking: "Reply RESCHEDULE to change the time or CANCEL BOOKING to cancel.",
    pick: (count: number) => `Please pick a number from 1 to ${count}.`,
  },
  voice: {
    handoff: "Of course. I'll get a member of our team for you.",
    booked: "Say reschedule to change the time, cancel booking to cancel, or agent to talk to a person.",
    afterBooking: "Say reschedule to change the time, or cancel booking to cancel.",
    pick: (count: number) => `Please say a number from 1 to ${count}.`,
  },
};

const wording = (channel: Channel) => WORDING[channel === "voice" ? "voice" : "text"];

/**
 * The deterministic engine: no key, no network. It pulls trade, urgency, address and name
 * out of each message with dictionaries and patterns, asks for what is still missing, offers
 * numbered slots and books the one chosen. It is also the fallback when Claude is down.
 */
export class LocalEngine implements ConversationEngine {
  readonly name = "local";

  async turn(input: TurnInput, tools: EngineTools): Promise<TurnResult> {
    return { replies: await this.reply(input, tools), engine: this.name };
  }

  private async reply({ message, state, channel, signal, timeZone }: TurnInput, tools: EngineTools): Promise<Reply[]> {
    signal?.throwIfAborted();
    const text = message.text.trim();
    const words = wording(channel);
    if (HUMAN.test(text)) {
      await tools.handoffToHuman("The customer asked for a person.");
      return [{ text: words.handoff }];
    }
    // Handed back after the team promised a visit: their word stands (no other times, no "no pro free").
    const promise = !state.booking ? teamPromise(state) : null;
    if (promise && !CANCEL.test(text) && !RESCHEDULE.test(text)) {
      const { job } = await tools.saveJobDetails(extractDetails(text, state.asked));
      state.asked = null;
      const said = quoteTeam(promise, timeZone);
      if (ASKS_ABOUT_VISIT.test(text))
        return [{ text: `Our team arranged it with you: ${said}. If anything changes they'll tell you here.` }];
      return [{ text: `Thanks${job.name ? `, ${job.name.split(" ")[0]}` : ""}, noted. As our team said: ${said}.` }];
    }
    if (state.stage === "booked" && state.booking) {
      if (CANCEL.test(text)) return [{ text: (await tools.cancelBooking()).detail }];
      if (RESCHEDULE.test(text)) return offerSlots(tools, "No problem, let's find another time.");
      const choice = state.offered.length ? chosenNumber(text, message.choiceId) : undefined;
      if (choice !== undefined) return book(tools, state.offered, choice, channel);
      return [{ text: `You're booked for ${state.booking.label} with ${state.booking.proName}. ${words.booked}` }];
    }
    if (state.stage === "offering") {
      const choice = chosenNumber(text, message.choiceId);
      if (choice !== undefined) return book(tools, state.offered, choice, channel);
      if (NO.test(text)) return offerSlots(tools, "Here are the next free times.");
    }

    const details: JobDetails = extractDetails(text, state.asked);
    if (message.location) {
      // The tools turn a bare pin into the nearest known address (reverse geocoding).
      details.lat = message.location.lat;
      details.lng = message.location.lng;
      details.locatedBy = "location pin";
      const named = message.location.address ?? message.location.name;
      if (named) details.address = named;
      else delete details.address; // the message text of a bare pin is its coordinates
    }
    // The description summarises the job: a message that names a trade (or the first one) adds its new facts.
    const describes = details.trade !== undefined && details.trade !== "other";
    if (text.length >= 8 && !message.location && (!state.job.description || describes))
      details.description = summarizeJob(state.job.description, text) ?? state.job.description;
    const wasUrgent = state.job.urgency === "emergency";
    const { job, missing } = await tools.saveJobDetails(details);
    signal?.throwIfAborted();
    const opener = job.urgency === "emergency" && !wasUrgent ? "That sounds urgent, let's get someone out to you fast. " : "";
    const next = missing[0];
    if (next) {
      state.asked = next;
      return [{ text: opener + (channel === "voice" ? VOICE_QUESTIONS : QUESTIONS)[next] }];
    }
    state.asked = null;
    return offerSlots(tools, `${opener}Thanks${job.name ? `, ${job.name.split(" ")[0]}` : ""}.`);
  }
}

async function offerSlots(tools: EngineTools, lead: string): Promise<Reply[]> {
  const search = await tools.findAvailableSlots();
  if (!search.ok) {
    await tools.handoffToHuman(search.problem);
    return [{ text: `${lead} We don't have a pro free for this right now, so a member of our team will get back to you shortly.` }];
  }
  return [slotReply(`${lead} ${search.proName} can come at one of these times. Which suits you?`, search.slots)];
}

async function book(tools: EngineTools, offered: OfferedSlot[], choice: number, channel: Channel): Promise<Reply[]> {
  const slot = offered[choice - 1];
  if (!slot) return [slotReply(wording(channel).pick(offered.length), offered)];
  const outcome = await tools.bookSlot(slot.id);
  if (outcome.ok) {
    const verb = outcome.rescheduled ? "Moved to" : "Booked:";
    return [{ text: `${verb} ${outcome.label} with ${outcome.proName}. We've let them know. ${wording(channel).afterBooking}` }];
  }
  if (!outcome.alternatives.length) return [{ text: `Sorry, ${outcome.reason} A member of our team will find a time with you shortly.` }];
  return [slotReply(`Sorry, ${outcome.reason} These times are still free:`, outcome.alternatives)];
}

export function slotReply(text: string, slots: OfferedSlot[]): Reply {
  return { text, choices: slots.map((slot, i) => ({ id: `slot:${i + 1}`, title: slot.label, description: slot.proName })) };
}
