import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import { eq } from "drizzle-orm";
import type { AppEnv } from "../env";
import { validationHook } from "../http/validation";
import { database, tables } from "../db/client";
import { isTimeZone } from "../lib/time";

import { leaderboard } from "../quests/scores";
import { ok } from "../http/openapi";
import { userWallet } from "../../durable-objects/stubs";

const Quests = z
  .object({
    day: z.string().openapi({ description: "The user's local date" }),
    timeZone: z.string(),
    resetsAt: z.string().openapi({ description: "When the quests rotate: the user's next local midnight" }),
    quests: z.array(
      z.object({ id: z.string(), title: z.string(), target: z.number(), progress: z.number(), points: z.number(), completed: z.boolean() }),
    ),
    streak: z.object({
      current: z.number(),
      best: z.number(),
      atRisk: z.boolean(),
      repairAvailable: z.boolean(),
      lastRepair: z.string().nullable(),
    }),
    points: z.number(),
  })
  .openapi("Quests");

/** The signed-in member's quests, streak and points in this workspace, and its leaderboard. */
export const questRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(
    createRoute({
      method: "get",
      path: "/",
      tags: ["quests"],
      summary: "Today's quests with progress, the streak and points",
      responses: { 200: ok(Quests) },
    }),
    async (c) => {
      const { userId, tenantId } = c.get("auth");
      return c.json(await userWallet(c.env, userId).questSnapshot(userId, tenantId), 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/leaderboard",
      tags: ["quests"],
      summary: "Members of the workspace by points",
      responses: {
        200: ok(
          z.object({
            items: z.array(
              z.object({
                rank: z.number(),
                userId: z.string(),
                name: z.string(),
                points: z.number(),
                streak: z.number(),
                bestStreak: z.number(),
              }),
            ),
          }),
        ),
      },
    }),
    async (c) => c.json({ items: await leaderboard(c.env, c.get("auth").tenantId, Date.now()) }, 200),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/points",
      tags: ["quests"],
      summary: "The points ledger, newest first",
      request: {
        query: z.strictObject({
          limit: z.coerce.number().int().min(1).max(200).default(50),
          cursor: z.coerce.number().int().positive().optional(),
        }),
      },
      responses: {
        200: ok(
          z.object({
            items: z.array(z.object({ id: z.string(), points: z.number(), reason: z.string(), day: z.string(), createdAt: z.string() })),
            nextCursor: z.number().nullable(),
          }),
        ),
      },
    }),
    async (c) => {
      const { userId, tenantId } = c.get("auth");
      const { limit, cursor } = c.req.valid("query");
      const page = await userWallet(c.env, userId).pointsLedger(tenantId, limit, cursor);
      return c.json(
        { items: page.items.map((p) => ({ ...p, createdAt: new Date(p.createdAt).toISOString() })), nextCursor: page.nextCursor },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: "put",
      path: "/time-zone",
      tags: ["quests"],
      summary: "The time zone the user's quest day follows (their midnight rotates the quests)",
      request: {
        body: {
          content: {
            "application/json": {
              schema: z.strictObject({ timeZone: z.string().max(64).refine(isTimeZone, "Use an IANA time zone, e.g. America/Chicago.") }),
            },
          },
          required: true,
        },
      },
      responses: { 200: ok(Quests) },
    }),
    async (c) => {
      const { userId, tenantId } = c.get("auth");
      await database(c.env.DB)
        .update(tables.users)
        .set({ timeZone: c.req.valid("json").timeZone })
        .where(eq(tables.users.id, userId));
      const wallet = userWallet(c.env, userId);
      await wallet.timeZoneChanged();
      return c.json(await wallet.questSnapshot(userId, tenantId), 200);
    },
  );
