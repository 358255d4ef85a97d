import { describe, expect, it } from "vitest";
import { clauseSplitter } from "./clauses";

/** Feeds `deltas` one by one; returns the pieces each push produced, then what flush produced. */
function stream(deltas: string[]): { afterPush: string[][]; flushed: string[] } {
  const splitter = clauseSplitter();
  const afterPush = deltas.map((delta) => splitter.push(delta));
  return { afterPush, flushed: splitter.flush() };
}

const pieces = (deltas: string[]) => {
  const { afterPush, flushed } = stream(deltas);
  return [...afterPush.flat(), ...flushed];
};

/** Every way of cutting the text into deltas gives the same pieces: character by character, 8 at a time (as Claude streams), whole. */
const cuts = (text: string) => [[...text], text.match(/.{1,8}/gs)!, [text]];

describe("unit: streaming text → speakable pieces", () => {
  it.each([
    ["sentences", "Thanks, Maria. Is it an emergency? Great!", ["Thanks, Maria.", "Is it an emergency?", "Great!"]],
    [
      "a long clause before a comma",
      "So sorry to hear about the leak, let's get someone out to you fast.",
      ["So sorry to hear about the leak,", "let's get someone out to you fast."],
    ],
    [
      "semicolon, colon and spaced dash once long enough",
      "Pat has a free slot tomorrow; Rosa has two on Friday: which one suits you best — or another day?",
      ["Pat has a free slot tomorrow;", "Rosa has two on Friday:", "which one suits you best", "or another day?"],
    ],
    ["short openers stay whole", "Okay, sure, I can help.", ["Okay, sure, I can help."]],
    [
      "times, decimals and thousands",
      "Pat can come at 10:30 tomorrow, about 2.5 hours, for $1,200 or so.",
      ["Pat can come at 10:30 tomorrow,", "about 2.5 hours, for $1,200 or so."],
    ],
    [
      "abbreviations",
      "He'll be at 12 Oak St. by 9 a.m. tomorrow with Dr. Smith. Does that work?",
      ["He'll be at 12 Oak St. by 9 a.m. tomorrow with Dr. Smith.", "Does that work?"],
    ],
    ["a.m. at the end of a sentence", "Pat comes at 9 a.m. Does that suit you?", ["Pat comes at 9 a.m.", "Does that suit you?"]],
    [
      "a phone number read out in groups",
      "You can reach the office directly on 512, 555, 0190, any time today.",
      ["You can reach the office directly on 512, 555, 0190,", "any time today."],
    ],
    [
      "a phone number in words",
      "Our office number is five one two, five five five, zero one nine zero. Anything else?",
      ["Our office number is five one two, five five five, zero one nine zero.", "Anything else?"],
    ],
    ["dotted digit groups and a number ending a sentence", "Call 512. 555. 0190. We open at 8.", ["Call 512. 555. 0190.", "We open at 8."]],
    [
      "numbered lines and markdown",
      "Here are the **free** times:\n1. Mon 9:00 AM\n2. Tue 10:30 AM",
      ["Here are the free times:", "Option 1, Monday 9 AM", "Option 2, Tuesday 10:30 AM"],
    ],
    ["quotes after the stop and an ellipsis", 'She said "all set." Let me see... Done.', ['She said "all set."', "Let me see...", "Done."]],
    ["hyphens and initials", "A well-known pro, J. Smith, can come.", ["A well-known pro, J. Smith,", "can come."]],
  ])("%s", (_name, text, expected) => {
    for (const deltas of cuts(text)) expect(pieces(deltas)).toEqual(expected);
  });

  it("gives each piece out as soon as what follows it shows it is finished", () => {
    const { afterPush, flushed } = stream(["Thanks, Maria.", " Is it", " an emergency? Pat", " can come at 9 a.m", ". Tomorrow"]);
    expect(afterPush).toEqual([[], ["Thanks, Maria."], ["Is it an emergency?"], [], []]);
    expect(flushed).toEqual(["Pat can come at 9 a.m. Tomorrow"]);
  });

  it("waits to see whether a digit group goes on before cutting after it", () => {
    const splitter = clauseSplitter();
    expect(splitter.push("The number for the office is 512, ")).toEqual([]);
    expect(splitter.push("555, 0190, ")).toEqual([]);
    expect(splitter.push("and we answer around the clock.")).toEqual(["The number for the office is 512, 555, 0190,"]);
    expect(splitter.flush()).toEqual(["and we answer around the clock."]);
  });

  it("flushes nothing when nothing speakable is left", () => {
    const splitter = clauseSplitter();
    expect(splitter.push("Done.\n")).toEqual(["Done."]);
    expect(splitter.flush()).toEqual([]);
  });
});
