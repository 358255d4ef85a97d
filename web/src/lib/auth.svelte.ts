import { toApiError } from "./api/problem";
import type { Role, Session } from "./api/types";

const AUTH_API = "/api/v1/auth";
/** Refresh this long before the access token expires. */
const REFRESH_MARGIN_SECONDS = 60;

type AuthStatus = "loading" | "signed-in" | "signed-out";

export interface SignupInput {
  companyName: string;
  name: string;
  email: string;
  password: string;
  timeZone?: string;
}

/**
 * The one auth store. The access token lives only in memory; the refresh token is an httpOnly
 * cookie the server sets because every auth call says `X-Homeline-Client: web`.
 */
class AuthStore {
  session = $state<Session | null>(null);
  status = $state<AuthStatus>("loading");
  #refreshing: Promise<Session | null> | null = null;
  #timer: ReturnType<typeof setTimeout> | undefined;

  get token(): string | null {
    return this.session?.accessToken ?? null;
  }

  /** Owners and admins (and superadmins) may delete, import and invite. */
  get isAdmin(): boolean {
    return !!this.session && (this.session.user.superadmin || this.session.role !== "agent");
  }

  hasRole(role: Role): boolean {
    return this.session?.role === role || !!this.session?.user.superadmin;
  }

  async signup(input: SignupInput): Promise<Session> {
    return this.#start(await this.#post("/signup", input));
  }

  async login(email: string, password: string): Promise<Session> {
    return this.#start(await this.#post("/login", { email, password }));
  }

  async acceptInvite(token: string, password: string, name?: string): Promise<Session> {
    return this.#start(await this.#post("/accept-invite", { token, password, ...(name ? { name } : {}) }));
  }

  /** On page load: a valid cookie gives a fresh session, otherwise we are signed out. */
  async restore(): Promise<void> {
    try {
      await this.refresh();
    } catch {
      this.#end();
    }
  }

  /** Rotates the refresh cookie. Concurrent callers share one request. */
  refresh(): Promise<Session | null> {
    this.#refreshing ??= this.#rotate().finally(() => (this.#refreshing = null));
    return this.#refreshing;
  }

  async logout(): Promise<void> {
    try {
      await fetch(`${AUTH_API}/logout`, { method: "POST", headers: { "X-Homeline-Client": "web" } });
    } finally {
      this.#end();
    }
  }

  async #rotate(): Promise<Session | null> {
    const rotate = async (): Promise<Session | null> => {
      const response = await fetch(`${AUTH_API}/refresh`, { method: "POST", headers: { "X-Homeline-Client": "web" } });
      if (response.status === 401) {
        this.#end();
        return null;
      }
      if (!response.ok) throw await toApiError(response);
      return this.#start((await response.json()) as Session);
    };
    // The refresh token is single-use: two tabs presenting the same one would revoke the session,
    // so tabs take turns (each then sends the cookie the previous one received).
    return navigator.locks ? navigator.locks.request("homeline-auth-refresh", rotate) : rotate();
  }

  async #post(path: string, body: unknown): Promise<Session> {
    const response = await fetch(`${AUTH_API}${path}`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Homeline-Client": "web" },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw await toApiError(response);
    return (await response.json()) as Session;
  }

  #start(session: Session): Session {
    this.session = session;
    this.status = "signed-in";
    clearTimeout(this.#timer);
    const delay = Math.max(5, session.expiresIn - REFRESH_MARGIN_SECONDS) * 1000;
    this.#timer = setTimeout(() => void this.refresh().catch(() => undefined), delay);
    return session;
  }

  #end(): void {
    clearTimeout(this.#timer);
    this.session = null;
    this.status = "signed-out";
  }
}

export const auth = new AuthStore();
