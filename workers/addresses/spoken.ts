// Speech-to-text writes numbers as words more often than not on a phone line ("fourteen Barton
// Skyway", "seven eight seven oh four"). This turns runs of number words into digits the way a
// person reads an address: house numbers said in pairs ("twenty one oh five" → 2105), ZIP codes
// digit by digit, "double four" → 44, ordinals for numbered streets ("sixth" → 6th).

const UNITS: Record<string, number> = { zero: 0, oh: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9 };
const TEENS: Record<string, number> = {
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
};
const TENS: Record<string, number> = { twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 };
const ORDINALS: Record<string, number> = {
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  sixth: 6,
  seventh: 7,
  eighth: 8,
  ninth: 9,
  tenth: 10,
  eleventh: 11,
  twelfth: 12,
  thirteenth: 13,
  fourteenth: 14,
  fifteenth: 15,
  sixteenth: 16,
  seventeenth: 17,
  eighteenth: 18,
  nineteenth: 19,
  twentieth: 20,
  thirtieth: 30,
  fortieth: 40,
  fiftieth: 50,
};
const NUMBER_WORD = new RegExp(
  `^(?:${[...Object.keys(UNITS), ...Object.keys(TEENS), ...Object.keys(TENS), "hundred", "thousand", "double", "triple", "and", ...Object.keys(ORDINALS)].join("|")})$`,
  "i",
);

/** The text with every run of spoken number words written as digits; other words are left as they are. */
export function spokenNumbersToDigits(text: string): string {
  const parts = text.split(/(\s+|-(?=[a-z]))/i);
  const out: string[] = [];
  let run: string[] = [];
  const flush = () => {
    // A trailing "and" ("five and six") and a lone "oh" are words, not numbers.
    const tail: string[] = [];
    while (run.length && /^(and|double|triple)$/i.test(run.at(-1)!)) tail.unshift(run.pop()!);
    if (run.length === 1 && /^oh$/i.test(run[0]!)) out.push(run[0]!);
    else if (run.length) out.push(digitsOf(run.map((w) => w.toLowerCase())));
    if (tail.length) out.push(` ${tail.join(" ")}`);
    run = [];
  };
  for (const part of parts) {
    if (/^\s+$|^-$/.test(part)) {
      if (!run.length) out.push(part);
      continue;
    }
    const word = part.replace(/[,.;:!?]+$/, "");
    const trailing = part.slice(word.length);
    if (NUMBER_WORD.test(word) && !(word.toLowerCase() === "and" && !run.length)) {
      run.push(word);
      if (trailing) {
        flush();
        out.push(trailing);
      }
      continue;
    }
    if (run.length) {
      flush();
      out.push(" ");
    }
    out.push(part);
  }
  flush();
  return out.join("").replace(/\s{2,}/g, " ");
}

/** Number words → digits: cardinals are read in chunks ("twenty one" "oh" "five" → "21" "0" "5"). */
function digitsOf(words: string[]): string {
  let digits = "";
  let current: number | null = null;
  let thousands = 0;
  let repeat = 1;
  let lastKind: "unit" | "teen" | "tens" | "hundred" | null = null;
  const end = () => {
    if (current !== null || thousands) digits += String(thousands + (current ?? 0));
    current = null;
    thousands = 0;
    lastKind = null;
  };
  for (const word of words) {
    if (word === "and") continue;
    if (word === "double" || word === "triple") {
      end();
      repeat = word === "double" ? 2 : 3;
      continue;
    }
    if (word in ORDINALS) {
      const value = ORDINALS[word]!;
      if (current !== null && lastKind === "tens" && value < 10) current += value;
      else {
        end();
        current = value;
      }
      const n = current;
      current = null;
      lastKind = null;
      // A numbered street after a house number: "thirty four fifteen twenty first" → "3415 21st".
      digits += `${digits ? " " : ""}${n}${ordinalSuffix(n)}`;
      continue;
    }
    if (word === "zero" || word === "oh") {
      end();
      digits += "0".repeat(repeat);
      repeat = 1;
      continue;
    }
    if (word in UNITS) {
      const value = UNITS[word]!;
      if (repeat > 1) {
        end();
        digits += String(value).repeat(repeat);
        repeat = 1;
        continue;
      }
      if (current !== null && lastKind !== "tens" && lastKind !== "hundred") end();
      current = (current ?? 0) + value;
      lastKind = "unit";
      continue;
    }
    if (word in TEENS) {
      if (current !== null && lastKind !== "hundred") end();
      current = (current ?? 0) + TEENS[word]!;
      lastKind = "teen";
      continue;
    }
    if (word in TENS) {
      if (current !== null && lastKind !== "hundred") end();
      current = (current ?? 0) + TENS[word]!;
      lastKind = "tens";
      continue;
    }
    if (word === "hundred") {
      current = (current ?? 1) * 100;
      lastKind = "hundred";
      continue;
    }
    if (word === "thousand") {
      thousands += (current ?? 1) * 1000;
      current = 0;
      lastKind = "hundred";
    }
  }
  end();
  return digits;
}

function ordinalSuffix(n: number): string {
  if (n % 100 >= 11 && n % 100 <= 13) return "th";
  return ["th", "st", "nd", "rd"][n % 10] ?? "th";
}
