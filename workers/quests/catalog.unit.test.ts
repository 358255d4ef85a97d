import { describe, expect, it } from "vitest";
import { QUEST_SLOTS, questsForDay } from "./catalog";
import type { DomainEvent } from "../events/domain";

const event = (type: DomainEvent["type"], data?: DomainEvent["data"]): DomainEvent => ({
  type,
  tenantId: "ten_1",
  actorId: "usr_1",
  subject: "lead_1",
  at: 0,
  data,
});

describe("unit: quest catalog and daily rotation", () => {
  it("gives three quests a day, one per slot, the same on every read", () => {
    const today = questsForDay("usr_1", "2026-03-08");
    expect(today).toHaveLength(3);
    today.forEach((quest, slot) => expect(QUEST_SLOTS[slot]).toContain(quest));
    expect(questsForDay("usr_1", "2026-03-08")).toEqual(today);
  });

  it("rotates from day to day and user to user", () => {
    const days = Array.from({ length: 30 }, (_, i) => `2026-04-${String(i + 1).padStart(2, "0")}`);
    const firstSlot = new Set(days.map((day) => questsForDay("usr_1", day)[0]!.id));
    expect(firstSlot.size).toBe(QUEST_SLOTS[0]!.length);
    const users = new Set(
      Array.from({ length: 20 }, (_, i) =>
        questsForDay(`usr_${i}`, "2026-04-01")
          .map((q) => q.id)
          .join(),
      ),
    );
    expect(users.size).toBeGreaterThan(1);
  });

  it("matches the domain events that make progress", () => {
    const quest = (id: string) => QUEST_SLOTS.flat().find((q) => q.id === id)!;
    expect(quest("reply-3").counts(event("lead.status_changed", { from: "new", to: "contacted" }))).toBe(true);
    expect(quest("reply-3").counts(event("message.sent"))).toBe(true);
    expect(quest("reply-3").counts(event("lead.status_changed", { to: "qualified" }))).toBe(false);
    expect(quest("book-job").counts(event("lead.status_changed", { to: "booked" }))).toBe(true);
    expect(quest("call-hot").counts(event("call.completed", { hot: true }))).toBe(true);
    expect(quest("call-hot").counts(event("call.completed", { hot: false }))).toBe(false);
    expect(quest("run-scan").counts(event("scan.completed"))).toBe(true);
  });
});
