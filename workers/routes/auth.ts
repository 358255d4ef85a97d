import { OpenAPIHono, createRoute, type z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { AppEnv } from "../env";
import { validationHook } from "../http/validation";
import { badRequest, unauthorized } from "../http/problem";
import { clientIp, enforceLimit } from "../http/rate-limit";
import { login, resumeSession, signup, type SessionBundle } from "../auth/accounts";
import { revokeByToken, rotateRefreshToken } from "../auth/refresh-sessions";
import { LoginBody, RefreshBody, Session, SignupBody } from "./auth-schemas";
import { acceptInvite, AcceptInviteBody } from "../team/invites";
import { jsonBody, ok } from "../http/openapi";

export const REFRESH_COOKIE = "hl_refresh";
const COOKIE_PATH = "/api/v1/auth";
const isWebClient = (c: Context<AppEnv>) => c.req.header("X-Homeline-Client") === "web";

/** The web app keeps the refresh token in an httpOnly cookie; API clients get it in JSON. */
export function sessionResponse<S extends 200 | 201>(c: Context<AppEnv>, session: SessionBundle, status: S) {
  const { refresh, ...rest } = session;
  const body = { ...rest, refreshExpiresAt: new Date(refresh.expiresAt).toISOString() };
  if (isWebClient(c)) {
    setCookie(c, REFRESH_COOKIE, refresh.token, {
      httpOnly: true,
      secure: true,
      sameSite: "Strict",
      path: COOKIE_PATH,
      maxAge: Math.floor((refresh.expiresAt - Date.now()) / 1000),
    });
    return c.json(body, status);
  }
  return c.json({ ...body, refreshToken: refresh.token }, status);
}

export const authRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(
    createRoute({
      method: "post",
      path: "/signup",
      tags: ["auth"],
      summary: "Create a workspace (tenant) and its owner",
      request: { body: jsonBody(SignupBody) },
      responses: { 201: ok(Session, "Signed up") },
    }),
    async (c) => {
      return sessionResponse(c, await signup(c.env, c.req.valid("json"), c.get("requestId")), 201);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/login",
      tags: ["auth"],
      summary: "Log in (rate limited per IP and per account)",
      request: { body: jsonBody(LoginBody) },
      responses: { 200: ok(Session, "Logged in"), 429: { description: "Too many attempts; see Retry-After" } },
    }),
    async (c) => {
      const input = c.req.valid("json");
      await enforceLimit(c.env.LOGIN_IP_LIMITER, `ip:${clientIp(c)}`, "Too many login attempts from this address. Try again in a minute.");
      await enforceLimit(
        c.env.LOGIN_ACCOUNT_LIMITER,
        `acct:${input.email}`,
        "Too many login attempts for this account. Try again in a minute.",
      );
      return sessionResponse(c, await login(c.env, input), 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/refresh",
      tags: ["auth"],
      summary: "Rotate the refresh token (JSON {refreshToken} or the session cookie) and get a new access token",
      responses: { 200: ok(Session, "Refreshed") },
    }),
    async (c) => {
      const token = (await optionalBody(c)).refreshToken ?? getCookie(c, REFRESH_COOKIE);
      if (!token) throw unauthorized("No refresh token.");
      const result = await rotateRefreshToken(c.env, token);
      if (!result.ok) {
        deleteCookie(c, REFRESH_COOKIE, { path: COOKIE_PATH, secure: true });
        throw unauthorized(
          result.reason === "reused"
            ? "This refresh token was already used; every session of this login was signed out."
            : "Session expired; log in again.",
        );
      }
      return sessionResponse(c, await resumeSession(c.env, result.userId, result.tenantId, result.refresh), 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/logout",
      tags: ["auth"],
      summary: "Revoke the refresh token's whole session family (JSON {refreshToken} or the session cookie)",
      responses: { 204: { description: "Logged out" } },
    }),
    async (c) => {
      const token = (await optionalBody(c)).refreshToken ?? getCookie(c, REFRESH_COOKIE);
      if (token) await revokeByToken(c.env, token);
      deleteCookie(c, REFRESH_COOKIE, { path: COOKIE_PATH, secure: true });
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/accept-invite",
      tags: ["auth"],
      summary: "Join a workspace with an invite token",
      request: { body: jsonBody(AcceptInviteBody) },
      responses: { 201: ok(Session, "Joined") },
    }),
    async (c) => {
      return sessionResponse(c, await acceptInvite(c.env, c.req.valid("json"), c.get("requestId")), 201);
    },
  );

/** Refresh and logout accept an empty body (cookie clients) or JSON with the token. */
async function optionalBody(c: Context<AppEnv>): Promise<z.infer<typeof RefreshBody>> {
  const text = await c.req.text();
  if (!text.trim()) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw badRequest("The request body is not valid JSON.");
  }
  const result = RefreshBody.safeParse(parsed);
  if (!result.success) throw badRequest('Send {"refreshToken": "…"} or an empty body with the session cookie.');
  return result.data;
}
