import type { DomainEvent } from "../../workers/events/domain";
import { questsForDay, STREAK_REWARD } from "../../workers/quests/catalog";
import { streakAsOf, streakHistory, type StreakView } from "../../workers/quests/streak";
import { addDays, localDate, nextLocalMidnight } from "../../workers/lib/time";

export interface QuestView {
  id: string;
  title: string;
  target: number;
  progress: number;
  points: number;
  completed: boolean;
}

export interface QuestSnapshot {
  day: string;
  timeZone: string;
  /** When today's quests rotate (the user's next local midnight), ISO 8601. */
  resetsAt: string;
  quests: QuestView[];
  streak: StreakView;
  points: number;
}

export interface PointsEntry {
  id: string;
  points: number;
  reason: string;
  day: string;
  createdAt: number;
}

/** Progress is kept this long; completed days (the streak's history) for a year and more. */
const PROGRESS_DAYS = 14;
const HISTORY_DAYS = 400;

/**
 * Points, daily quests and the streak of one user, per workspace. Progress counts each
 * subject (a lead, a scan, a call) once per quest and day, so a redelivered event, or the same
 * lead touched twice, never counts twice; a quest's points are keyed by day and quest, so the
 * reward is granted exactly once.
 */
export class QuestBook {
  constructor(
    private readonly sql: SqlStorage,
    private readonly storage: DurableObjectStorage,
  ) {}

  /** Applies events; returns whether anything changed and which days reached a streak milestone. */
  record(
    userId: string,
    tenantId: string,
    events: DomainEvent[],
    timeZone: string,
    now: number,
  ): { changed: boolean; milestones: string[] } {
    const completedNow = new Set<string>();
    let changed = false;
    this.storage.transactionSync(() => {
      for (const event of events) {
        const day = localDate(timeZone, event.at);
        for (const quest of questsForDay(userId, day).filter((q) => q.counts(event))) {
          const inserted = this.sql.exec(
            `INSERT OR IGNORE INTO quest_progress (tenant_id, day, quest_id, subject, at) VALUES (?, ?, ?, ?, ?)`,
            tenantId,
            day,
            quest.id,
            event.subject,
            event.at,
          ).rowsWritten;
          if (!inserted) continue;
          changed = true;
          if (this.progress(tenantId, day, quest.id) !== quest.target) continue;
          this.sql.exec(
            `INSERT OR IGNORE INTO points (id, tenant_id, points, reason, day, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
            `quest:${day}:${quest.id}`,
            tenantId,
            quest.points,
            quest.title,
            day,
            now,
          );
          this.sql.exec(`INSERT OR IGNORE INTO completed_days (tenant_id, day) VALUES (?, ?)`, tenantId, day);
          completedNow.add(day);
        }
      }
      const today = localDate(timeZone, now);
      this.sql.exec(`DELETE FROM quest_progress WHERE tenant_id = ? AND day < ?`, tenantId, addDays(today, -PROGRESS_DAYS));
      this.sql.exec(`DELETE FROM completed_days WHERE tenant_id = ? AND day < ?`, tenantId, addDays(today, -HISTORY_DAYS));
    });
    const milestones = streakHistory(this.completedDays(tenantId))
      .filter((d) => completedNow.has(d.day) && d.streak % STREAK_REWARD.everyDays === 0)
      .map((d) => d.day);
    return { changed, milestones };
  }

  snapshot(userId: string, tenantId: string, timeZone: string, now: number): QuestSnapshot {
    const day = localDate(timeZone, now);
    const quests = questsForDay(userId, day).map((quest) => {
      const progress = Math.min(this.progress(tenantId, day, quest.id), quest.target);
      return {
        id: quest.id,
        title: quest.title,
        target: quest.target,
        progress,
        points: quest.points,
        completed: progress >= quest.target,
      };
    });
    return {
      day,
      timeZone,
      resetsAt: new Date(nextLocalMidnight(timeZone, now)).toISOString(),
      quests,
      streak: streakAsOf(this.completedDays(tenantId), day),
      points: this.totalPoints(tenantId),
    };
  }

  /** The points ledger, newest first. */
  points(tenantId: string, limit: number, before?: number): { items: PointsEntry[]; nextCursor: number | null } {
    const rows = this.sql
      .exec<{ seq: number; id: string; points: number; reason: string; day: string; created_at: number }>(
        `SELECT seq, id, points, reason, day, created_at FROM points WHERE tenant_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?`,
        tenantId,
        before ?? Number.MAX_SAFE_INTEGER,
        limit + 1,
      )
      .toArray();
    const items = rows.slice(0, limit).map((r) => ({ id: r.id, points: r.points, reason: r.reason, day: r.day, createdAt: r.created_at }));
    return { items, nextCursor: rows.length > limit ? rows[limit - 1]!.seq : null };
  }

  totalPoints(tenantId: string): number {
    return this.sql.exec<{ n: number }>(`SELECT coalesce(sum(points), 0) AS n FROM points WHERE tenant_id = ?`, tenantId).one().n;
  }

  private progress(tenantId: string, day: string, questId: string): number {
    return this.sql
      .exec<{ n: number }>(
        `SELECT count(*) AS n FROM quest_progress WHERE tenant_id = ? AND day = ? AND quest_id = ?`,
        tenantId,
        day,
        questId,
      )
      .one().n;
  }

  private completedDays(tenantId: string): string[] {
    return this.sql
      .exec<{ day: string }>(`SELECT day FROM completed_days WHERE tenant_id = ? ORDER BY day`, tenantId)
      .toArray()
      .map((r) => r.day);
  }
}
