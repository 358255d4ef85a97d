import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import type { AppEnv } from "../env";
import { validationHook } from "../http/validation";
import { listInbox, markRead, unreadCounts } from "../notifications/inbox";
import { NOTIFICATION_KINDS } from "../notifications/kinds";
import { waitingCount } from "../notifications/waiting";

const ok = <T extends z.ZodType>(schema: T) => ({ description: "OK", content: { "application/json": { schema } } });

const Notification = z
  .object({
    id: z.string(),
    kind: z.enum(NOTIFICATION_KINDS),
    title: z.string(),
    body: z.string(),
    link: z.string().nullable().openapi({ description: "In-app path it opens" }),
    createdAt: z.string(),
    readAt: z.string().nullable(),
  })
  .openapi("Notification");

const NotificationId = z.string().regex(/^ntf_[0-9a-z]{26}$/, "Each id must be a notification id (ntf_…).");

const ReadBody = z
  .strictObject({
    ids: z.array(NotificationId).min(1, "List at least one notification.").max(200, "Mark at most 200 at once.").optional(),
    all: z.literal(true, "Send all: true to mark every notification read.").optional(),
  })
  .refine((body) => (body.ids ? 1 : 0) + (body.all ? 1 : 0) === 1, "Send the ids to mark read, or all: true — one of them.")
  .openapi("MarkNotificationsRead", { description: "{ ids: [...] } or { all: true }" });

/** The signed-in member's notification centre: the bell's list and unread count, and marking read. */
export const notificationRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

notificationRoutes.openapi(
  createRoute({
    method: "get",
    path: "/",
    tags: ["notifications"],
    summary: "My notifications, newest first, with the unread count and how many conversations wait for a person",
    request: {
      query: z.strictObject({
        cursor: NotificationId.optional().openapi({ description: "nextCursor of the previous page" }),
        limit: z.coerce.number().int().min(1, "Limit must be 1 to 100.").max(100, "Limit must be 1 to 100.").default(20),
        unread: z.enum(["true", "false"], "Unread must be true or false.").optional(),
      }),
    },
    responses: {
      200: ok(z.object({ items: z.array(Notification), unread: z.number(), waiting: z.number(), nextCursor: z.string().nullable() })),
    },
  }),
  async (c) => {
    const { tenantId, userId } = c.get("auth");
    const q = c.req.valid("query");
    const [page, unread, waiting] = await Promise.all([
      listInbox(c.env, tenantId, userId, { before: q.cursor, limit: q.limit, unreadOnly: q.unread === "true" }),
      unreadCounts(c.env, tenantId, [userId]),
      waitingCount(c.env, tenantId),
    ]);
    return c.json(
      { items: page.items as z.infer<typeof Notification>[], unread: unread.get(userId) ?? 0, waiting, nextCursor: page.nextCursor },
      200,
    );
  },
);

notificationRoutes.openapi(
  createRoute({
    method: "post",
    path: "/read",
    tags: ["notifications"],
    summary: "Mark my notifications read: the listed ids, or all",
    request: { body: { content: { "application/json": { schema: ReadBody } }, required: true } },
    responses: { 200: ok(z.object({ marked: z.number(), unread: z.number() })) },
  }),
  async (c) => {
    const { tenantId, userId } = c.get("auth");
    const body = c.req.valid("json");
    const marked = await markRead(c.env, tenantId, userId, body.all ? { all: true } : { ids: body.ids! });
    const unread = (await unreadCounts(c.env, tenantId, [userId])).get(userId) ?? 0;
    return c.json({ marked, unread }, 200);
  },
);
