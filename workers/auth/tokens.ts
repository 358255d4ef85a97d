import { jwtVerify, SignJWT, errors } from "jose";
import type { AuthContext, Env, TenantRole } from "../env";

const ISSUER = "homeline";
const encoder = new TextEncoder();
const secretKey = (env: Env) => encoder.encode(env.JWT_SECRET);

/** Short-lived access token carrying user, tenant and role. */
export async function issueAccessToken(env: Env, auth: AuthContext): Promise<{ token: string; expiresIn: number }> {
  const expiresIn = Number(env.ACCESS_TOKEN_TTL_SECONDS) || 900;
  const token = await new SignJWT({ tid: auth.tenantId, role: auth.role, sa: auth.superadmin || undefined })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(auth.userId)
    .setIssuer(ISSUER)
    .setAudience("api")
    .setIssuedAt()
    .setExpirationTime(`${expiresIn}s`)
    .sign(secretKey(env));
  return { token, expiresIn };
}

export type TokenResult = { ok: true; auth: AuthContext } | { ok: false; reason: "expired" | "invalid" };

export async function verifyAccessToken(env: Env, token: string): Promise<TokenResult> {
  return verify(env, token, "api");
}

/**
 * Tickets put a short-lived credential in a URL where no header can go (a WebSocket upgrade, a
 * browser download), never a long-lived token. `channel` binds one to its use.
 */
export const TICKET_TTL_SECONDS = { activity: 30, export: 60, wallet: 30, calls: 30, scans: 30 } as const;
export type TicketChannel = keyof typeof TICKET_TTL_SECONDS;

export async function issueTicket(env: Env, auth: AuthContext, channel: TicketChannel): Promise<string> {
  return new SignJWT({ tid: auth.tenantId, role: auth.role, ch: channel })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(auth.userId)
    .setIssuer(ISSUER)
    .setAudience("ws")
    .setJti(crypto.randomUUID())
    .setIssuedAt()
    .setExpirationTime(`${TICKET_TTL_SECONDS[channel]}s`)
    .sign(secretKey(env));
}

export async function verifyTicket(
  env: Env,
  ticket: string,
  channel: TicketChannel,
): Promise<(AuthContext & { jti: string; exp: number }) | null> {
  try {
    const { payload } = await jwtVerify(ticket, secretKey(env), { issuer: ISSUER, audience: "ws", algorithms: ["HS256"] });
    if (payload.ch !== channel || !payload.jti || !payload.exp) return null;
    return { ...claimsToAuth(payload), jti: payload.jti, exp: payload.exp };
  } catch {
    return null;
  }
}

async function verify(env: Env, token: string, audience: string): Promise<TokenResult> {
  try {
    const { payload } = await jwtVerify(token, secretKey(env), { issuer: ISSUER, audience, algorithms: ["HS256"] });
    return { ok: true, auth: claimsToAuth(payload) };
  } catch (err) {
    return { ok: false, reason: err instanceof errors.JWTExpired ? "expired" : "invalid" };
  }
}

function claimsToAuth(payload: Record<string, unknown>): AuthContext {
  return {
    userId: String(payload.sub),
    tenantId: String(payload.tid),
    role: payload.role as TenantRole,
    superadmin: payload.sa === true,
  };
}
