import { and, eq } from "drizzle-orm";
import type { AuthContext, Env, TenantRole } from "../env";
import { database, tables } from "../db/client";
import { newId } from "../lib/ids";
import { conflict, unauthorized } from "../http/problem";
import { auditStatement } from "../audit";
import { burnPasswordCheck, hashPassword, verifyPassword } from "./password";
import { issueAccessToken } from "./tokens";
import { currentAccess } from "./access";
import { issueRefreshToken, type IssuedRefresh } from "./refresh-sessions";

const { tenants, users, memberships } = tables;

export interface SessionBundle {
  accessToken: string;
  tokenType: "Bearer";
  expiresIn: number;
  refresh: IssuedRefresh;
  user: { id: string; email: string; name: string; superadmin: boolean };
  tenant: { id: string; name: string; slug: string };
  role: TenantRole;
}

export async function signup(
  env: Env,
  input: { companyName: string; name: string; email: string; password: string; timeZone?: string; country?: string },
  requestId: string,
): Promise<SessionBundle> {
  const db = database(env.DB);
  const email = input.email.toLowerCase();
  if (await db.query.users.findFirst({ where: eq(users.email, email), columns: { id: true } })) {
    throw conflict("An account with this email already exists. Log in instead.");
  }
  const now = Date.now();
  const tenantId = newId("ten");
  const userId = newId("usr");
  const slug = await uniqueSlug(env, input.companyName);
  await db.batch([
    db.insert(tenants).values({
      id: tenantId,
      name: input.companyName,
      slug,
      timeZone: input.timeZone ?? "UTC",
      country: input.country ?? "US",
      createdAt: now,
    }),
    db.insert(users).values({ id: userId, email, name: input.name, passwordHash: await hashPassword(input.password), createdAt: now }),
    db.insert(memberships).values({ tenantId, userId, role: "owner", createdAt: now }),
    auditStatement(env, { tenantId, actorId: userId, action: "tenant.created", target: tenantId, requestId }),
  ]);
  return openSession(env, { userId, tenantId, role: "owner", superadmin: false });
}

/** Verifies credentials; the same 401 for an unknown email and a wrong password. */
export async function login(env: Env, input: { email: string; password: string; tenantId?: string }): Promise<SessionBundle> {
  const db = database(env.DB);
  const user = await db.query.users.findFirst({ where: eq(users.email, input.email.toLowerCase()) });
  if (!user) {
    await burnPasswordCheck(input.password);
    throw unauthorized("Email or password is incorrect.");
  }
  if (!(await verifyPassword(input.password, user.passwordHash))) throw unauthorized("Email or password is incorrect.");
  const membership = await db.query.memberships.findFirst({
    where: input.tenantId
      ? and(eq(memberships.userId, user.id), eq(memberships.tenantId, input.tenantId))
      : eq(memberships.userId, user.id),
    orderBy: (m, { asc }) => [asc(m.createdAt)],
  });
  if (!membership) throw unauthorized("This account has no access to that workspace.");
  return openSession(env, { userId: user.id, tenantId: membership.tenantId, role: membership.role, superadmin: user.isSuperadmin });
}

/** Re-reads the membership so a refresh picks up role changes and removals. */
export async function resumeSession(env: Env, userId: string, tenantId: string, refresh: IssuedRefresh): Promise<SessionBundle> {
  const context = await currentAccess(env, { userId, tenantId }, { fresh: true });
  if (!context) throw unauthorized("Your access to this workspace was removed.");
  return bundle(env, context, refresh);
}

export async function openSession(env: Env, context: AuthContext): Promise<SessionBundle> {
  return bundle(env, context, await issueRefreshToken(env, context.userId, context.tenantId));
}

async function bundle(env: Env, context: AuthContext, refresh: IssuedRefresh): Promise<SessionBundle> {
  const db = database(env.DB);
  const [user, tenant, access] = await Promise.all([
    db.query.users.findFirst({ where: eq(users.id, context.userId) }),
    db.query.tenants.findFirst({ where: eq(tenants.id, context.tenantId) }),
    issueAccessToken(env, context),
  ]);
  if (!user || !tenant) throw unauthorized();
  return {
    accessToken: access.token,
    tokenType: "Bearer",
    expiresIn: access.expiresIn,
    refresh,
    user: { id: user.id, email: user.email, name: user.name, superadmin: user.isSuperadmin },
    tenant: { id: tenant.id, name: tenant.name, slug: tenant.slug },
    role: context.role,
  };
}

async function uniqueSlug(env: Env, name: string): Promise<string> {
  const base =
    name
      .toLowerCase()
      .normalize("NFKD")
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "")
      .slice(0, 40) || "team";
  const taken = await database(env.DB).query.tenants.findFirst({ where: eq(tenants.slug, base), columns: { id: true } });
  return taken ? `${base}-${crypto.randomUUID().slice(0, 6)}` : base;
}
