import type { Env } from "../workers/env";
import { Conversation } from "./conversation";
import { ProCalendar } from "./pro-calendar";

// The one way to reach each Durable Object: its binding and the name the object is keyed by.

/** A workspace's live activity feed (and the directory of its members' sockets). */
export const activityFeed = (env: Env, tenantId: string) => env.ACTIVITY_FEED.getByName(tenantId);

/** One contact's conversation on one channel. */
export const conversationObject = (env: Env, tenantId: string, channelId: string, contactAddress: string) =>
  env.CONVERSATION.getByName(Conversation.key(tenantId, channelId, contactAddress));

/** One pro's calendar (bookings are serialized here). */
export const proCalendar = (env: Env, tenantId: string, proId: string) => env.PRO_CALENDAR.getByName(ProCalendar.key(tenantId, proId));

/** A user's own wallet: points, quests and streak (and money, if they own the workspace). */
export const userWallet = (env: Env, userId: string) => env.WALLET.getByName(userId);

/** One call's audio session and live-transcript sockets. */
export const callSession = (env: Env, callId: string) => env.CALL_SESSION.getByName(callId);

/** One area scan's progress sockets. */
export const scanProgress = (env: Env, scanId: string) => env.SCAN_PROGRESS.getByName(scanId);

/** The platform-wide metrics aggregator. */
export const metricsStub = (env: Env) => env.METRICS.getByName("global");
