import type { Choice, Reply } from "../conversation-engine/engine";

const SPOKEN_NUMBERS: Record<string, string> = {
  one: "1",
  first: "1",
  two: "2",
  second: "2",
  to: "2",
  too: "2",
  three: "3",
  third: "3",
  four: "4",
  fourth: "4",
  five: "5",
  fifth: "5",
};

/**
 * What the caller said (or keyed), as the engine reads a text message: Twilio transcribes a
 * bare choice as "One." or "the second one", which becomes "2" — the engine's numbered choice.
 */
export function callerText(speech: string | undefined, digits: string | undefined): string {
  if (digits && /^[1-9]$/.test(digits)) return digits;
  const text = (speech ?? "").trim();
  const bare = text
    .toLowerCase()
    .replace(/[.!?,]/g, "")
    .trim();
  const choice =
    /^(?:(?:option|number|the)\s+)?(one|first|two|second|to|too|three|third|four|fourth|five|fifth|[1-5])(?:\s+(?:one|option|please))?$/.exec(
      bare,
    );
  if (choice) return SPOKEN_NUMBERS[choice[1]!] ?? choice[1]!;
  return text;
}

/** "0" on the keypad, or asking for a person, goes to the team's forward number. */
export function wantsPerson(speech: string | undefined, digits: string | undefined): boolean {
  if (digits === "0") return true;
  return /\b(agent|human|person|operator|representative|someone real)\b/i.test(speech ?? "");
}

/** A reply as spoken: its words made speakable, then its choices read out as numbered options. */
export function spokenReply(reply: Reply): string {
  return [spokenText(reply.text), ...spokenChoices(reply.choices)].filter(Boolean).join(" ");
}

/** Choices (at most five: more is too many to remember) as "Say 1 for …" sentences, one each. */
export function spokenChoices(choices: Choice[] = []): string[] {
  return choices
    .slice(0, 5)
    .map((c, i) => `Say ${i + 1} for ${spokenTimes(c.title)}${c.description ? `, ${spokenTimes(c.description)}` : ""}.`);
}

const WEEKDAYS: Record<string, string> = {
  Mon: "Monday",
  Tue: "Tuesday",
  Wed: "Wednesday",
  Thu: "Thursday",
  Fri: "Friday",
  Sat: "Saturday",
  Sun: "Sunday",
};
const MONTHS: Record<string, string> = {
  Jan: "January",
  Feb: "February",
  Mar: "March",
  Apr: "April",
  May: "May",
  Jun: "June",
  Jul: "July",
  Aug: "August",
  Sep: "September",
  Sept: "September",
  Oct: "October",
  Nov: "November",
  Dec: "December",
};

/**
 * Slot labels written for a screen ("Sun, Nov 22, 7:00 AM") as a voice should say them
 * ("Sunday, November 22, 7 AM"): a TTS reads "Sun" as the star and "7:00" as "seven zero zero".
 */
export function spokenTimes(text: string): string {
  return text
    .replace(
      /\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun)\b(,?)(?=\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b|\s+\d)/g,
      (_, day: string, comma: string) => `${WEEKDAYS[day]}${comma}`,
    )
    .replace(/\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?(?=\s+\d{1,2}\b)/g, (_, month: string) => MONTHS[month]!)
    .replace(/\b(\d{1,2}):00\s*([AP]M)\b/gi, "$1 $2");
}

/**
 * Text written for a screen, made speakable: a TTS voice would read markdown symbols, bullets
 * and emoji aloud (or stumble on them), and a numbered line becomes "Option 1, …".
 */
export function spokenText(text: string): string {
  return text
    .split("\n")
    .map((line) =>
      line
        .replace(/\[([^\]]+)\]\([^)]*\)/g, "$1")
        .replace(/^\s*(?:#+|>)\s*/, "")
        .replace(/^\s*[-*•]\s+/, "")
        .replace(/^\s*(\d{1,2})[.)]\s+/, "Option $1, ")
        .replace(/[*`#]+|(?<!\w)_+|_+(?!\w)/g, "")
        .replace(/\p{Extended_Pictographic}\uFE0F?/gu, "")
        .replace(/\s+[—–-]\s*$/, "")
        .trim(),
    )
    .map(spokenTimes)
    .filter(Boolean)
    .join(" ")
    .replace(/\s{2,}/g, " ");
}
