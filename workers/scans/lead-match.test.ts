import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createLead, signup } from "../../tests/api";
import { findMatchingLeads } from "./lead-match";

describe("scan lead matching", () => {
  it("matches by normalized street address, and by phone only a lead that has no address", async () => {
    const a = await signup("Match Roofing");
    const atAddress = await createLead(a.token, { name: "Oak owner", phone: "+15125550111", address: "12 Oak Drive" });
    const phoneOnly = await createLead(a.token, { name: "Caller", phone: "+15125550122" });
    const [byStreet, byPhone, otherRoofSameOwner, nothing] = await findMatchingLeads(env, a.tenantId, [
      { phone: null, address: "12 oak dr." },
      { phone: "+15125550122", address: "40 Elm Street" },
      { phone: "+15125550111", address: "99 Pine Road" },
      { phone: "+15125550199", address: "7 Cedar Lane" },
    ]);
    expect(byStreet?.id).toBe(atAddress.id);
    expect(byPhone?.id).toBe(phoneOnly.id);
    expect(otherRoofSameOwner).toBeNull();
    expect(nothing).toBeNull();
  });

  it("never sees another workspace's leads", async () => {
    const a = await signup("Owner A");
    const b = await signup("Owner B");
    await createLead(a.token, { name: "A's lead", phone: "+15125550133", address: "5 Birch Court" });
    expect(await findMatchingLeads(env, b.tenantId, [{ phone: "+15125550133", address: "5 Birch Ct" }])).toEqual([null]);
  });
});
