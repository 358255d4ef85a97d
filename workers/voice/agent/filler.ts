import type { ToolName } from "../../conversation-engine/around-tools";

/** Silence longer than this after a tool call starts would sound like a dropped line. */
export const SLOW_TOOL_MS = 700;

export const FILLERS = {
  calendar: "One moment while I check the calendar.",
  other: "One moment, please.",
};

const CALENDAR_TOOLS = new Set<ToolName>(["findAvailableSlots", "bookSlot", "cancelBooking"]);

/**
 * Speaks one filler when a tool call leaves the line quiet for `afterMs`. The quiet lasts
 * until the engine's next words, not just the tool: after a tool the model still needs its
 * time to first token. Once per turn: a second "one moment" sounds like a stall, not a check.
 */
export function fillerWatch(speak: (text: string) => void, afterMs = SLOW_TOOL_MS) {
  let spoken = false;
  let running: ToolName | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const quiet = () => {
    clearTimeout(timer);
    timer = undefined;
  };
  return {
    toolStarted(name: ToolName): void {
      running = name;
      if (spoken || timer) return;
      timer = setTimeout(() => {
        timer = undefined;
        spoken = true;
        speak(running && CALENDAR_TOOLS.has(running) ? FILLERS.calendar : FILLERS.other);
      }, afterMs);
    },
    /** The engine is speaking again (or the turn is over): no filler needed. */
    textArrived: quiet,
  };
}
