import { describe, expect, it } from "vitest";
import { callerText, spokenReply, spokenText, spokenTimes, wantsPerson } from "./speech";

describe("speech to engine text", () => {
  it("a spoken or keyed choice becomes the engine's number; anything else passes through", () => {
    expect(callerText("One.", undefined)).toBe("1");
    expect(callerText("the second one", undefined)).toBe("2");
    expect(callerText("Number three", undefined)).toBe("3");
    expect(callerText(undefined, "2")).toBe("2");
    expect(callerText("My roof is leaking", undefined)).toBe("My roof is leaking");
  });
  it("0 or asking for a person is a transfer", () => {
    expect(wantsPerson(undefined, "0")).toBe(true);
    expect(wantsPerson("Can I talk to an agent?", undefined)).toBe(true);
    expect(wantsPerson("The pipe burst", undefined)).toBe(false);
  });
  it("choices are read out as numbered options", () => {
    expect(
      spokenReply({
        text: "Which suits you?",
        choices: [
          { id: "s1", title: "Mon 9:00" },
          { id: "s2", title: "Mon 10:00" },
        ],
      }),
    ).toBe("Which suits you? Say 1 for Monday 9:00. Say 2 for Monday 10:00.");
  });
  it("markdown, bullets, numbered lines and emoji become plain speakable words", () => {
    expect(spokenText("**Great news!** Pat can come 👍")).toBe("Great news! Pat can come");
    expect(spokenText("Times:\n1. Mon 9:00\n2) Tue 10:30\n- or call [us](https://x.test)")).toBe(
      "Times: Option 1, Monday 9:00 Option 2, Tuesday 10:30 or call us",
    );
    expect(spokenText("The `snake_case` word stays, _emphasis_ goes —")).toBe("The snake_case word stays, emphasis goes");
    expect(spokenReply({ text: "Plain words." })).toBe("Plain words.");
  });
});

describe("spoken times", () => {
  it("says slot labels as a person would: full day and month names, no ':00'", () => {
    expect(spokenTimes("Sun, Nov 22, 7:00 AM")).toBe("Sunday, November 22, 7 AM");
    expect(spokenTimes("Booked: Thu, Dec 3, 2:30 PM with Lena Park.")).toBe("Booked: Thursday, December 3, 2:30 PM with Lena Park.");
    expect(spokenReply({ text: "Pick a time.", choices: [{ id: "s1", title: "Mon, Jan 5, 9:00 AM", description: "Lena Park" }] })).toBe(
      "Pick a time. Say 1 for Monday, January 5, 9 AM, Lena Park.",
    );
  });

  it("leaves ordinary words alone", () => {
    expect(spokenTimes("The sun is out, may I have your name?")).toBe("The sun is out, may I have your name?");
    expect(spokenTimes("Sat on the roof at 10:00")).toBe("Sat on the roof at 10:00");
  });
});
