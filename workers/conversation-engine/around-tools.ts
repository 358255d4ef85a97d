import type { EngineTools } from "./engine";

export type ToolName = keyof EngineTools;

/** The same tools with `around` run around every call (a gate to wait for, a timer to start). */
export function aroundTools(tools: EngineTools, around: <R>(name: ToolName, call: () => Promise<R>) => Promise<R>): EngineTools {
  return {
    saveJobDetails: (details) => around("saveJobDetails", () => tools.saveJobDetails(details)),
    findAvailableSlots: () => around("findAvailableSlots", () => tools.findAvailableSlots()),
    bookSlot: (slotId) => around("bookSlot", () => tools.bookSlot(slotId)),
    cancelBooking: () => around("cancelBooking", () => tools.cancelBooking()),
    handoffToHuman: (reason) => around("handoffToHuman", () => tools.handoffToHuman(reason)),
  };
}
