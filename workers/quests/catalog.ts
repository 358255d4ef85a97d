import type { DomainEvent } from "../events/domain";
import { stableHash } from "../lib/stable-hash";

export interface QuestDefinition {
  id: string;
  title: string;
  target: number;
  points: number;
  counts: (event: DomainEvent) => boolean;
}

const movedTo = (status: string) => (event: DomainEvent) => event.type === "lead.status_changed" && event.data?.to === status;

/**
 * The day's three quests come one from each slot: the first is always doable from the leads
 * list alone, so every day can keep a streak alive; the others reward the work that wins jobs.
 */
export const QUEST_SLOTS: QuestDefinition[][] = [
  [
    {
      id: "reply-3",
      title: "Reply to 3 leads",
      target: 3,
      points: 30,
      counts: (e) => movedTo("contacted")(e) || e.type === "message.sent",
    },
    { id: "qualify-2", title: "Qualify 2 leads", target: 2, points: 30, counts: movedTo("qualified") },
    { id: "add-3", title: "Add 3 new leads", target: 3, points: 20, counts: (e) => e.type === "lead.created" },
  ],
  [
    { id: "book-job", title: "Book a job", target: 1, points: 50, counts: (e) => movedTo("booked")(e) || e.type === "booking.created" },
    { id: "win-job", title: "Win a job", target: 1, points: 60, counts: movedTo("won") },
  ],
  [
    { id: "run-scan", title: "Run an area scan", target: 1, points: 40, counts: (e) => e.type === "scan.completed" },
    { id: "call-hot", title: "Call a hot lead", target: 1, points: 40, counts: (e) => e.type === "call.completed" && e.data?.hot === true },
  ],
];

/** Every 7th day of a streak earns the workspace this many credits (a `reward` entry). */
export const STREAK_REWARD = { everyDays: 7, credits: 100 };

/** The user's quests for a local date: recomputable anywhere, different from day to day. */
export function questsForDay(userId: string, day: string): QuestDefinition[] {
  return QUEST_SLOTS.map((slot, i) => slot[stableHash(`${userId}:${day}:${i}`) % slot.length]!);
}
