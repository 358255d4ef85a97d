import { eq } from "drizzle-orm";
import type { Env } from "../env";
import { database, tables } from "../db/client";
import { queueEmail } from "../outbox/email";
import { walletOwner } from "./owner";

/** Emails the person who pays for the workspace. Notices are never charged to the wallet. */
export async function notifyWalletOwner(env: Env, tenantId: string, notice: { key: string; subject: string; body: string }): Promise<void> {
  const owner = await walletOwner(env, tenantId);
  const user = await database(env.DB).query.users.findFirst({ where: eq(tables.users.id, owner.userId), columns: { email: true } });
  if (!user) return;
  await queueEmail(env, {
    tenantId,
    idempotencyKey: `notice:${notice.key}`,
    to: user.email,
    subject: notice.subject,
    body: notice.body,
    billable: false,
  });
}
