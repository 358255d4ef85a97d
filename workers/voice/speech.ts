import type { Reply } from "../conversation-engine/engine";

const SPOKEN_NUMBERS: Record<string, string> = { one: "1", first: "1", two: "2", second: "2", to: "2", too: "2", three: "3", third: "3", four: "4", fourth: "4", five: "5", fifth: "5" };

/**
 * What the caller said (or keyed), as the engine reads a text message: Twilio transcribes a
 * bare choice as "One." or "the second one", which becomes "2" — the engine's numbered choice.
 */
export function callerText(speech: string | undefined, digits: string | undefined): string {
  if (digits && /^[1-9]$/.test(digits)) return digits;
  const text = (speech ?? "").trim();
  const bare = text.toLowerCase().replace(/[.!?,]/g, "").trim();
  const choice = /^(?:(?:option|number|the)\s+)?(one|first|two|second|to|too|three|third|four|fourth|five|fifth|[1-5])(?:\s+(?:one|option|please))?$/.exec(bare);
  if (choice) return SPOKEN_NUMBERS[choice[1]!] ?? choice[1]!;
  return text;
}

/** "0" on the keypad, or asking for a person, goes to the team's forward number. */
export function wantsPerson(speech: string | undefined, digits: string | undefined): boolean {
  if (digits === "0") return true;
  return /\b(agent|human|person|operator|representative|someone real)\b/i.test(speech ?? "");
}

/** A reply as spoken: its choices read out as numbered options. */
export function spokenReply(reply: Reply): string {
  const choices = reply.choices?.slice(0, 5) ?? [];
  if (!choices.length) return reply.text;
  return `${reply.text} ${choices.map((c, i) => `Say ${i + 1} for ${c.title}${c.description ? `, ${c.description}` : ""}.`).join(" ")}`;
}
