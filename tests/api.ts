import { exports } from "cloudflare:workers";

/** Calls the Worker's own fetch handler, the way a client on the network would. */
export async function call(
  method: string,
  path: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string>; raw?: BodyInit } = {},
): Promise<Response> {
  const headers = new Headers(options.headers);
  if (options.token) headers.set("Authorization", `Bearer ${options.token}`);
  let body: BodyInit | undefined = options.raw;
  if (options.body !== undefined) {
    headers.set("Content-Type", "application/json");
    body = JSON.stringify(options.body);
  }
  return exports.default.fetch(new Request(`http://localhost:8787${path}`, { method, headers, body }));
}

export async function json<T = any>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

let counter = 0;
const randomIp = () => `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${++counter % 250}`;

export interface TestAccount {
  token: string;
  refreshToken: string;
  userId: string;
  tenantId: string;
  email: string;
  password: string;
}

/** A fresh workspace and its owner. Each signup comes from its own address so the per-IP limit stays out of the way. */
export async function signup(company = "Acme Roofing"): Promise<TestAccount> {
  const email = `owner-${crypto.randomUUID()}@example.com`;
  const password = "correct horse battery staple";
  const response = await call("POST", "/api/v1/auth/signup", {
    body: { companyName: company, name: "Olive Owner", email, password },
    headers: { "CF-Connecting-IP": randomIp() },
  });
  if (response.status !== 201) throw new Error(`signup failed: ${response.status} ${await response.text()}`);
  const session = await json(response);
  return {
    token: session.accessToken,
    refreshToken: session.refreshToken,
    userId: session.user.id,
    tenantId: session.tenant.id,
    email,
    password,
  };
}

export async function createLead(token: string, lead: Record<string, unknown>): Promise<any> {
  const response = await call("POST", "/api/v1/leads", { token, body: lead });
  if (response.status !== 201) throw new Error(`create lead failed: ${response.status} ${await response.text()}`);
  return json(response);
}

export async function expectProblem(response: Response, status: number): Promise<any> {
  const text = await response.text();
  if (response.status !== status) throw new Error(`expected ${status}, got ${response.status}: ${text}`);
  if (!response.headers.get("Content-Type")?.startsWith("application/problem+json"))
    throw new Error(`expected problem+json, got ${response.headers.get("Content-Type")}: ${text}`);
  return JSON.parse(text);
}
