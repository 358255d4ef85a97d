import { parseAddress } from "../addresses/parse";
import { detectTrade } from "./extract";

// Clauses that say nothing about the job itself: greetings, names, thanks, yes/no, bare urgency.
const GREETING = /^(hi|hello|hey|hiya|good (morning|afternoon|evening))( there)?\b[\s,]*/i;
const SMALL_TALK =
  /^((thanks?|thank you)( so much)?|cheers|please|ok(ay)?|yes|no|yeah|nope|sure|(my name is|my name's|i'm|i am|im|this is|it's)( [a-z'-]+){1,2})?$/i;
const URGENCY_ONLY = /^(it'?s |it is |this is )?(an? )?(real |total )?(emergency|urgent|asap|no rush|not urgent)$/i;

/**
 * The job description as a summary: each fact the customer gave about the job once, in the
 * order given. A message's sentences and clauses are facts unless they are small talk, only
 * an address (that has its own fields) or already said; a fact that restates an earlier one
 * with more words replaces it. The raw messages stay in the thread.
 */
export function summarizeJob(existing: string | undefined, message: string): string | undefined {
  const facts = existing ? splitFacts(existing) : [];
  for (let fact of splitFacts(message)) {
    if (!isJobFact(fact)) continue;
    fact = fact.replace(GREETING, "");
    const key = normalized(fact);
    if (facts.some((known) => normalized(known).includes(key))) continue;
    const narrower = facts.findIndex((known) => key.includes(normalized(known)));
    if (narrower >= 0) facts.splice(narrower, 1, fact);
    else facts.push(fact);
  }
  return facts.length ? facts.map((f) => `${f.charAt(0).toUpperCase()}${f.slice(1)}.`).join(" ") : undefined;
}

function splitFacts(text: string): string[] {
  return text
    .split(/[.!?;\n]+(?:\s|$)|,\s+/)
    .map((part) =>
      part
        .replace(/\s+/g, " ")
        .replace(/[.!?,;:\s]+$/, "")
        .trim(),
    )
    .filter((part) => part.length >= 3);
}

function isJobFact(fact: string): boolean {
  const rest = fact.replace(GREETING, "");
  if (SMALL_TALK.test(rest) || URGENCY_ONLY.test(rest)) return false;
  const place = parseAddress(fact, undefined, { expected: true });
  // "300 Congress Ave 78701" is an address, not a fact about the job; "leak at 5 Elm Road" is both.
  return !place || detectTrade(fact) !== undefined || fact.split(" ").length > (place.line?.split(" ").length ?? 0) + 4;
}

const normalized = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9 ]/g, "")
    .replace(/\s+/g, " ")
    .trim();
