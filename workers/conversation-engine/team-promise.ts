import type { EngineState, TeamNote } from "./engine";

// A team message that commits to something: a time or day, or a visit.
const COMMITMENT =
  /\b(today|tonight|tomorrow|this (morning|afternoon|evening|week)|next week|(mon|tues|wednes|thurs|fri|satur|sun)day|\d{1,2}(:\d{2})?\s*(am|pm)|\d{1,2}:\d{2}|noon|o'?clock|come|coming|visit|be there|arrive|booked)\b/i;
/** The customer asks when or whether someone is coming, or about what was arranged. */
export const ASKS_ABOUT_VISIT =
  /\b(what time|when (will|is|are|does|do|can)|what day|which day|are they (still )?coming|is (he|she|someone|anyone) (still )?coming|still on|eta|how long)\b/i;

/** A promise this old is history: a customer writing after it gets the usual flow again. */
const PROMISE_DAYS = 3;

/** The latest thing the team committed to while they had the conversation, if they did (in the last few days). */
export function teamPromise(state: Pick<EngineState, "teamNotes">, now = Date.now()): TeamNote | null {
  const since = now - PROMISE_DAYS * 86_400_000;
  return [...(state.teamNotes ?? [])].reverse().find((note) => note.at >= since && COMMITMENT.test(note.text)) ?? null;
}

/** The team's words as the AI repeats them, with when they were written (so "tomorrow" can be read right). */
export function quoteTeam(note: TeamNote, timeZone?: string): string {
  const written = new Intl.DateTimeFormat("en-US", { weekday: "long", hour: "numeric", minute: "2-digit", timeZone }).format(note.at);
  return `“${note.text.trim()}” (${note.by ?? "our team"}, ${written})`;
}
