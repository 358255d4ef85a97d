import { describe, expect, it } from "vitest";
import { TurnTaking } from "./turn-taking";

describe("turn-taking", () => {
  it("the recogniser's speech_final commits the turn", () => {
    const t = new TurnTaking();
    expect(t.interimWords("my roof", 0)).toEqual([]);
    expect(t.final("My roof is leaking", false, false)).toEqual([]);
    expect(t.final("badly.", true, false)).toEqual([{ type: "start", text: "My roof is leaking badly." }]);
    expect(t.text).toBe("");
  });

  it("UtteranceEnd commits finals that never got a speech_final", () => {
    const t = new TurnTaking();
    t.final("12 Oak Street", false, false);
    expect(t.utteranceEnd(false)).toEqual([{ type: "start", text: "12 Oak Street" }]);
    expect(t.utteranceEnd(false)).toEqual([]);
  });

  it("speculates on settled words when energy says the caller stopped, and the final confirms it", () => {
    const t = new TurnTaking();
    t.interimWords("the pipe under the sink burst", 1000);
    expect(t.speechEnded(1050, false)).toEqual([]); // not settled yet
    expect(t.settlesIn(1050)).toBe(30);
    expect(t.speechEnded(1200, false)).toEqual([{ type: "speculate", text: "the pipe under the sink burst" }]);
    expect(t.speculating).toBe(true);
    expect(t.final("The pipe under the sink burst!", true, false)).toEqual([{ type: "confirm", text: "The pipe under the sink burst!" }]);
  });

  it("a different final replaces the speculation; the caller resuming cancels it", () => {
    const t = new TurnTaking();
    t.interimWords("I need a plumber", 0);
    t.speechEnded(500, false);
    expect(t.final("I need a plumber tomorrow", true, false)).toEqual([
      { type: "cancel" },
      { type: "start", text: "I need a plumber tomorrow" },
    ]);

    t.interimWords("my address is", 0);
    t.speechEnded(500, false);
    expect(t.speechStarted()).toEqual([{ type: "cancel" }]);
    t.interimWords("my address is 12 Oak Street", 600);
    expect(t.final("My address is 12 Oak Street", true, false)).toEqual([{ type: "start", text: "My address is 12 Oak Street" }]);
  });

  it("new interim words void a speculation", () => {
    const t = new TurnTaking();
    t.interimWords("call me", 0);
    t.speechEnded(400, false);
    expect(t.interimWords("call me at five", 500)).toEqual([{ type: "cancel" }]);
  });

  it("never speculates on a backchannel or over the agent; a backchannel during agent audio is no turn", () => {
    const t = new TurnTaking();
    t.interimWords("mhm", 0);
    expect(t.speechEnded(500, false)).toEqual([]);
    expect(t.final("Mhm.", true, true)).toEqual([]);
    t.final("what time", false, true);
    expect(t.speechEnded(500, true)).toEqual([]);
    expect(t.final("okay", true, false)).toEqual([{ type: "start", text: "what time okay" }]);
  });
});
