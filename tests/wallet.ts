import { call, json, type TestAccount } from "./api";

/** Credits a workspace instantly (the development top-up; tests run with ENVIRONMENT=test). */
export async function topUp(token: string, credits: number): Promise<any> {
  const response = await call("POST", "/api/v1/wallet/dev-top-up", { token, body: { credits } });
  if (response.status !== 201) throw new Error(`top-up failed: ${response.status} ${await response.text()}`);
  return json(response);
}

export async function walletOf(token: string): Promise<any> {
  return json(await call("GET", "/api/v1/wallet", { token }));
}

/** Invites a member into the owner's workspace and signs them in. */
export async function joinAs(owner: TestAccount, role: "admin" | "agent"): Promise<{ token: string; userId: string }> {
  const created = await json(
    await call("POST", "/api/v1/invites", { token: owner.token, body: { email: `${role}-${crypto.randomUUID()}@example.com`, role } }),
  );
  const token = new URL(created.acceptUrl).hash.replace("#token=", "");
  const session = await json(
    await call("POST", "/api/v1/auth/accept-invite", {
      body: { token, name: `${role[0]!.toUpperCase()}${role.slice(1)} Member`, password: "member password 1" },
    }),
  );
  return { token: session.accessToken, userId: session.user.id };
}
