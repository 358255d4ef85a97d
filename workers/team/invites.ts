import { z } from "@hono/zod-openapi";
import { and, eq, gt, isNull } from "drizzle-orm";
import type { AuthContext, Env } from "../env";
import { database, tables } from "../db/client";
import { newId, newToken, sha256Hex } from "../lib/ids";
import { conflict, forbidden, unauthorized } from "../http/problem";
import { auditStatement } from "../audit";
import { hashPassword, verifyPassword } from "../auth/password";
import { openSession, type SessionBundle } from "../auth/accounts";
import { forgetAccess } from "../auth/access";
import { queueEmail } from "../outbox/email";
import { Password } from "../routes/auth-schemas";

const { invites, users, memberships, tenants } = tables;
const INVITE_TTL_MS = 7 * 86_400_000;

export const AcceptInviteBody = z
  .strictObject({
    token: z.string().min(20).max(100),
    name: z.string().trim().min(1).max(120).optional().openapi({ description: "Required when the email has no account yet." }),
    password: Password,
  })
  .openapi("AcceptInviteBody");

/** Only owners invite admins; admins invite agents. The link is also emailed through the outbox. */
export async function createInvite(env: Env, actor: AuthContext, input: { email: string; role: "admin" | "agent" }, requestId: string) {
  if (input.role === "admin" && actor.role !== "owner" && !actor.superadmin) throw forbidden("Only an owner can invite admins.");
  const db = database(env.DB);
  const alreadyMember = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.tenantId, actor.tenantId), eq(users.email, input.email)));
  if (alreadyMember.length) throw conflict("That person is already a member of this workspace.");
  const now = Date.now();
  // One open invite per email: a second one would send a second link and list the person twice.
  const pending = await db.query.invites.findFirst({
    where: and(
      eq(invites.tenantId, actor.tenantId),
      eq(invites.email, input.email),
      isNull(invites.acceptedAt),
      gt(invites.expiresAt, now),
    ),
    columns: { id: true },
  });
  if (pending)
    throw conflict(`${input.email} already has an invite waiting. Revoke it first to send a new one.`, {
      errors: [{ field: "email", message: `${input.email} already has an invite waiting. Revoke it first to send a new one.` }],
      inviteId: pending.id,
    });
  const token = newToken();
  const invite = {
    id: newId("inv"),
    tenantId: actor.tenantId,
    email: input.email,
    role: input.role,
    tokenHash: await sha256Hex(token),
    invitedBy: actor.userId,
    expiresAt: now + INVITE_TTL_MS,
    createdAt: now,
  };
  const acceptUrl = `${env.WEB_ORIGIN}/accept-invite#token=${token}`;
  const tenant = await db.query.tenants.findFirst({ where: eq(tenants.id, actor.tenantId), columns: { name: true } });
  await db.batch([
    db.insert(invites).values(invite),
    auditStatement(env, {
      tenantId: actor.tenantId,
      actorId: actor.userId,
      action: "invite.created",
      target: invite.id,
      data: { role: input.role },
      requestId,
    }),
  ]);
  await queueEmail(env, {
    tenantId: actor.tenantId,
    idempotencyKey: `invite:${invite.id}`,
    to: input.email,
    subject: `You're invited to ${tenant?.name ?? "a workspace"} on Homeline`,
    body: `You have been invited to join ${tenant?.name ?? "a workspace"} on Homeline as ${input.role}.\n\nAccept within 7 days: ${acceptUrl}\n`,
    billable: false,
  });
  return { id: invite.id, email: invite.email, role: invite.role, expiresAt: new Date(invite.expiresAt).toISOString(), acceptUrl };
}

export async function acceptInvite(env: Env, input: z.infer<typeof AcceptInviteBody>, requestId: string): Promise<SessionBundle> {
  const db = database(env.DB);
  const now = Date.now();
  const tokenHash = await sha256Hex(input.token);
  const invite = await db.query.invites.findFirst({
    where: and(eq(invites.tokenHash, tokenHash), isNull(invites.acceptedAt), gt(invites.expiresAt, now)),
  });
  if (!invite) throw unauthorized("This invite is invalid, expired or already used.");
  const existing = await db.query.users.findFirst({ where: eq(users.email, invite.email) });
  if (existing && !(await verifyPassword(input.password, existing.passwordHash))) {
    throw unauthorized("This email already has an account: enter its password to join.");
  }
  if (!existing && !input.name) throw conflict("Enter your name to create your account.");
  const user = existing ?? {
    id: newId("usr"),
    email: invite.email,
    name: input.name!,
    passwordHash: await hashPassword(input.password),
    isSuperadmin: false,
    createdAt: now,
  };
  // The claim is the batch's first statement: a second concurrent accept finds nothing to claim.
  const [claimed] = await db.batch([
    db
      .update(invites)
      .set({ acceptedAt: now })
      .where(and(eq(invites.id, invite.id), isNull(invites.acceptedAt)))
      .returning({ id: invites.id }),
    ...(existing ? [] : [db.insert(users).values(user)]),
    db.insert(memberships).values({ tenantId: invite.tenantId, userId: user.id, role: invite.role, createdAt: now }).onConflictDoNothing(),
    auditStatement(env, { tenantId: invite.tenantId, actorId: user.id, action: "invite.accepted", target: invite.id, requestId }),
  ] as const);
  if (!claimed.length) throw unauthorized("This invite was just used.");
  forgetAccess({ tenantId: invite.tenantId, userId: user.id });
  return openSession(env, { userId: user.id, tenantId: invite.tenantId, role: invite.role, superadmin: user.isSuperadmin });
}
