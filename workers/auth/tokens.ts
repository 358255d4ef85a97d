import { jwtVerify, SignJWT, errors } from "jose";
import type { Env } from "../env";

const ISSUER = "homeline";
const encoder = new TextEncoder();
const secretKey = (env: Env) => encoder.encode(env.JWT_SECRET);

/**
 * Who a token speaks for. Tokens carry no role or platform flag: what the holder may do is read
 * from D1 on every request (workers/auth/access.ts), so a removal or role change takes effect at once.
 */
export interface Identity {
  userId: string;
  tenantId: string;
}

/** Short-lived access token carrying user and tenant. */
export async function issueAccessToken(env: Env, identity: Identity): Promise<{ token: string; expiresIn: number }> {
  const expiresIn = Number(env.ACCESS_TOKEN_TTL_SECONDS) || 900;
  const token = await new SignJWT({ tid: identity.tenantId })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(identity.userId)
    .setIssuer(ISSUER)
    .setAudience("api")
    .setIssuedAt()
    .setExpirationTime(`${expiresIn}s`)
    .sign(secretKey(env));
  return { token, expiresIn };
}

export type TokenResult = { ok: true; identity: Identity } | { ok: false; reason: "expired" | "invalid" };

export async function verifyAccessToken(env: Env, token: string): Promise<TokenResult> {
  try {
    const { payload } = await jwtVerify(token, secretKey(env), { issuer: ISSUER, audience: "api", algorithms: ["HS256"] });
    return { ok: true, identity: identityOf(payload) };
  } catch (err) {
    return { ok: false, reason: err instanceof errors.JWTExpired ? "expired" : "invalid" };
  }
}

/**
 * Tickets put a short-lived credential in a URL where no header can go (a WebSocket upgrade, a
 * browser download), never a long-lived token. `channel` binds one to its use.
 */
export const TICKET_TTL_SECONDS = { activity: 30, export: 60, wallet: 30, calls: 30, scans: 30 } as const;
export type TicketChannel = keyof typeof TICKET_TTL_SECONDS;

export async function issueTicket(env: Env, identity: Identity, channel: TicketChannel): Promise<string> {
  return new SignJWT({ tid: identity.tenantId, ch: channel })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(identity.userId)
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
): Promise<(Identity & { jti: string; exp: number }) | null> {
  try {
    const { payload } = await jwtVerify(ticket, secretKey(env), { issuer: ISSUER, audience: "ws", algorithms: ["HS256"] });
    if (payload.ch !== channel || !payload.jti || !payload.exp) return null;
    return { ...identityOf(payload), jti: payload.jti, exp: payload.exp };
  } catch {
    return null;
  }
}

function identityOf(payload: Record<string, unknown>): Identity {
  return { userId: String(payload.sub), tenantId: String(payload.tid) };
}
