import type { ConversationState } from "../../workers/conversations/state";
import type { HistoryEntry } from "../../workers/conversation-engine/engine";
import type { TranscriptEntry } from "../../workers/voice/records/types";
import { USED_TICKETS_TABLE } from "../lib/tickets";

const CALL_SESSION_SCHEMA = `
  CREATE TABLE IF NOT EXISTS call (id INTEGER PRIMARY KEY CHECK (id = 1), info TEXT NOT NULL, phase TEXT NOT NULL, stream_sid TEXT, started_at INTEGER,
    inbound_frames INTEGER NOT NULL DEFAULT 0, outbound_frames INTEGER NOT NULL DEFAULT 0, end_reason TEXT, turns INTEGER NOT NULL DEFAULT 0,
    state TEXT, history TEXT NOT NULL DEFAULT '[]', prepared_at INTEGER NOT NULL, finished_at INTEGER);
  CREATE TABLE IF NOT EXISTS transcript (seq INTEGER PRIMARY KEY, speaker TEXT NOT NULL, text TEXT NOT NULL, start_ms INTEGER NOT NULL, end_ms INTEGER, interrupted INTEGER NOT NULL DEFAULT 0);
  CREATE TABLE IF NOT EXISTS audio (id INTEGER PRIMARY KEY AUTOINCREMENT, track TEXT NOT NULL, at_ms INTEGER NOT NULL, bytes BLOB NOT NULL);
  ${USED_TICKETS_TABLE}
`;

/** The call a session serves, as the voice webhook admitted it. */
export interface CallInfo {
  callId: string;
  tenantId: string;
  callSid: string;
  channelId: string;
  fromNumber: string;
  toNumber: string;
  /** Silence and length limits when not the defaults (the simulator's short calls). */
  limits?: { silenceMs?: number; maxCallMs?: number };
}

/** prepared: webhook answered; live: the stream started; ending: records being written; done. */
export type CallPhase = "prepared" | "live" | "ending" | "done";

export interface CallRecord {
  info: CallInfo;
  phase: CallPhase;
  streamSid: string | null;
  startedAt: number | null;
  inboundFrames: number;
  outboundFrames: number;
  endReason: string | null;
  turns: number;
  state: ConversationState | null;
  history: HistoryEntry[];
  preparedAt: number;
}

/**
 * The call as it goes, in the object's SQLite: everything a restart needs to write a consistent
 * call log (transcript, engine state and history, frame counters, both sides' audio).
 */
export class SessionStore {
  /** The phase, remembered between writes: every inbound media frame (50 a second) asks for it. */
  private knownPhase: CallPhase | null | undefined;

  constructor(private readonly sql: SqlStorage) {
    sql.exec(CALL_SESSION_SCHEMA);
  }

  phase(): CallPhase | null {
    this.knownPhase ??= this.sql.exec<{ phase: CallPhase }>(`SELECT phase FROM call WHERE id = 1`).toArray()[0]?.phase ?? null;
    return this.knownPhase;
  }

  init(info: CallInfo, now: number): void {
    this.knownPhase = undefined;
    this.sql.exec(
      `INSERT INTO call (id, info, phase, prepared_at) VALUES (1, ?, 'prepared', ?) ON CONFLICT (id) DO NOTHING`,
      JSON.stringify(info),
      now,
    );
  }

  call(): CallRecord | null {
    const row = this.sql.exec<Record<string, string | number | null>>(`SELECT * FROM call WHERE id = 1`).toArray()[0];
    if (!row) return null;
    return {
      info: JSON.parse(String(row.info)) as CallInfo,
      phase: row.phase as CallPhase,
      streamSid: row.stream_sid as string | null,
      startedAt: row.started_at as number | null,
      inboundFrames: Number(row.inbound_frames),
      outboundFrames: Number(row.outbound_frames),
      endReason: row.end_reason as string | null,
      turns: Number(row.turns),
      state: row.state ? (JSON.parse(String(row.state)) as ConversationState) : null,
      history: JSON.parse(String(row.history)) as HistoryEntry[],
      preparedAt: Number(row.prepared_at),
    };
  }

  started(streamSid: string, at: number): void {
    this.knownPhase = undefined;
    this.sql.exec(
      `UPDATE call SET phase = 'live', stream_sid = ?, started_at = coalesce(started_at, ?) WHERE id = 1 AND phase = 'prepared'`,
      streamSid,
      at,
    );
  }

  /** Moves to `ending` once; false when another path got there first. */
  claimEnding(reason: string): boolean {
    this.knownPhase = undefined;
    return (
      this.sql
        .exec(
          `UPDATE call SET phase = 'ending', end_reason = coalesce(end_reason, ?) WHERE id = 1 AND phase IN ('prepared', 'live') RETURNING id`,
          reason,
        )
        .toArray().length > 0
    );
  }

  done(now: number): void {
    this.knownPhase = undefined;
    this.sql.exec(`UPDATE call SET phase = 'done', finished_at = ? WHERE id = 1`, now);
    this.sql.exec(`DELETE FROM audio`);
  }

  endReason(reason: string): void {
    this.sql.exec(`UPDATE call SET end_reason = coalesce(end_reason, ?) WHERE id = 1`, reason);
  }

  nextTurn(): number {
    return Number(this.sql.exec<{ turns: number }>(`UPDATE call SET turns = turns + 1 WHERE id = 1 RETURNING turns`).one().turns);
  }

  conversation(state: ConversationState, history: HistoryEntry[]): void {
    this.sql.exec(`UPDATE call SET state = ?, history = ? WHERE id = 1`, JSON.stringify(state), JSON.stringify(history));
  }

  /** Audio of one side since the last save, with the frame counter. */
  audio(track: "caller" | "agent", atMs: number, bytes: Uint8Array, frames: number): void {
    this.sql.exec(`INSERT INTO audio (track, at_ms, bytes) VALUES (?, ?, ?)`, track, Math.round(atMs), bytes);
    this.sql.exec(
      track === "caller"
        ? `UPDATE call SET inbound_frames = inbound_frames + ? WHERE id = 1`
        : `UPDATE call SET outbound_frames = outbound_frames + ? WHERE id = 1`,
      frames,
    );
  }

  *audioChunks(): Generator<{ track: "caller" | "agent"; atMs: number; bytes: Uint8Array }> {
    for (const row of this.sql.exec<{ track: string; at_ms: number; bytes: ArrayBuffer }>(
      `SELECT track, at_ms, bytes FROM audio ORDER BY id`,
    )) {
      yield { track: row.track as "caller" | "agent", atMs: row.at_ms, bytes: new Uint8Array(row.bytes) };
    }
  }

  /** Adds a transcript line at the next seq (or keeps one already stored under `seq`). */
  transcript(entry: Omit<TranscriptEntry, "seq"> & { seq?: number }): TranscriptEntry {
    const seq = entry.seq ?? Number(this.sql.exec<{ next: number }>(`SELECT coalesce(max(seq) + 1, 0) AS next FROM transcript`).one().next);
    this.sql.exec(
      `INSERT OR IGNORE INTO transcript (seq, speaker, text, start_ms, end_ms, interrupted) VALUES (?, ?, ?, ?, ?, ?)`,
      seq,
      entry.speaker,
      entry.text,
      Math.round(entry.startMs),
      entry.endMs === null ? null : Math.round(entry.endMs),
      entry.interrupted ? 1 : 0,
    );
    return { ...entry, seq };
  }

  transcriptEntries(): TranscriptEntry[] {
    return this.sql
      .exec<{
        seq: number;
        speaker: TranscriptEntry["speaker"];
        text: string;
        start_ms: number;
        end_ms: number | null;
        interrupted: number;
      }>(`SELECT * FROM transcript ORDER BY seq`)
      .toArray()
      .map((r) => ({
        seq: r.seq,
        speaker: r.speaker,
        text: r.text,
        startMs: r.start_ms,
        endMs: r.end_ms,
        interrupted: r.interrupted === 1,
      }));
  }
}
