import { DurableObject } from "cloudflare:workers";
import type { Env } from "../workers/env";
import { scanReader } from "../workers/scans/repository";
import type { StageCounts } from "../workers/scans/stage-counts";
import { scanJson, scanResultJson, type ScanResultRow, type ScanRow } from "../workers/scans/views";
import { claimTicket, closeBack, closeMemberSockets, memberTag, USED_TICKETS_TABLE } from "./lib/tickets";

/** What the workflow and the API publish; rows, so image URLs are signed when sent, not when stored. */
export type ScanUpdate =
  | { type: "progress"; scan: ScanRow; stages: StageCounts }
  | { type: "result"; result: ScanResultRow }
  | { type: "status"; scan: ScanRow };

const HOT_KEPT = 20;

/**
 * One per scan: every open scan page holds a hibernatable WebSocket here. Lifecycle: start
 * (constructor: schema + ping auto-response), connect (fetch: single-use ticket, snapshot of the
 * latest progress and newest hot results), broadcast (publish), close.
 */
export class ScanProgress extends DurableObject<Env> {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair("ping", "pong"));
    ctx.storage.sql.exec(`
      CREATE TABLE IF NOT EXISTS latest (id INTEGER PRIMARY KEY CHECK (id = 1), scan TEXT NOT NULL, stages TEXT);
      CREATE TABLE IF NOT EXISTS hot (property_id TEXT PRIMARY KEY, seq INTEGER NOT NULL, result TEXT NOT NULL);
      ${USED_TICKETS_TABLE}
    `);
  }

  /** Connect: the Worker checked the ticket's signature and that the scan is the ticket's workspace's. */
  override async fetch(request: Request): Promise<Response> {
    const holder = claimTicket(this.ctx.storage.sql, request);
    if (holder instanceof Response) return holder;
    const scanId = decodeURIComponent(new URL(request.url).pathname.split("/").pop() ?? "");
    const snapshot = await this.snapshot(holder.tenantId, scanId);
    if (!snapshot) return new Response("Scan not found", { status: 404 });
    const { 0: client, 1: server } = new WebSocketPair();
    this.ctx.acceptWebSocket(server, [holder.tenantId, memberTag(holder.tenantId, holder.userId)]);
    server.serializeAttachment({ ...holder, connectedAt: Date.now() });
    server.send(JSON.stringify(snapshot));
    return new Response(null, { status: 101, webSocket: client });
  }

  /** Stores what a new socket needs and sends every update to the open sockets, in order. */
  async publish(...updates: ScanUpdate[]): Promise<number> {
    const messages: string[] = [];
    for (const update of updates) {
      if (update.type === "result") {
        if (update.result.hot) this.keepHot(update.result);
        messages.push(JSON.stringify({ type: "result", result: await scanResultJson(this.env, update.result) }));
      } else if (update.type === "progress") {
        this.ctx.storage.sql.exec(
          `INSERT OR REPLACE INTO latest (id, scan, stages) VALUES (1, ?, ?)`,
          JSON.stringify(update.scan),
          JSON.stringify(update.stages),
        );
        messages.push(JSON.stringify({ type: "progress", scan: scanJson(update.scan), stages: update.stages }));
      } else {
        this.ctx.storage.sql.exec(
          `INSERT INTO latest (id, scan) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET scan = excluded.scan`,
          JSON.stringify(update.scan),
        );
        messages.push(JSON.stringify({ type: "status", status: update.scan.status }));
      }
    }
    const sockets = this.ctx.getWebSockets();
    for (const socket of sockets) {
      try {
        for (const message of messages) socket.send(message);
      } catch {
        // A socket that closed mid-broadcast; the runtime drops it.
      }
    }
    return sockets.length;
  }

  /** The member's access changed: their sockets here close. */
  closeMember(tenantId: string, userId: string): number {
    return closeMemberSockets(this.ctx, tenantId, userId);
  }

  connections(): number {
    return this.ctx.getWebSockets().length;
  }

  override async webSocketClose(socket: WebSocket, code: number): Promise<void> {
    closeBack(socket, code);
  }

  /** The latest published state, or (before the first publish) the scan as D1 has it. */
  private async snapshot(tenantId: string, scanId: string) {
    const [latest] = this.ctx.storage.sql.exec<{ scan: string }>(`SELECT scan FROM latest WHERE id = 1`).toArray();
    const reader = scanReader(this.env, tenantId);
    const scan = latest ? (JSON.parse(latest.scan) as ScanRow) : await reader.get(scanId);
    if (!scan || scan.tenantId !== tenantId || scan.id !== scanId) return null;
    const stored = this.ctx.storage.sql.exec<{ result: string }>(`SELECT result FROM hot ORDER BY seq DESC`).toArray();
    const hotRows = latest ? stored.map((r) => JSON.parse(r.result) as ScanResultRow) : await reader.newestHot(scanId, HOT_KEPT);
    return { type: "snapshot", scan: scanJson(scan), hot: await Promise.all(hotRows.map((row) => scanResultJson(this.env, row))) };
  }

  private keepHot(result: ScanResultRow): void {
    this.ctx.storage.sql.exec(
      `INSERT OR REPLACE INTO hot (property_id, seq, result) VALUES (?, coalesce((SELECT max(seq) FROM hot), 0) + 1, ?)`,
      result.propertyId,
      JSON.stringify(result),
    );
    this.ctx.storage.sql.exec(`DELETE FROM hot WHERE seq <= (SELECT max(seq) FROM hot) - ?`, HOT_KEPT);
  }
}
