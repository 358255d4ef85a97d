import { describe, expect, it } from "vitest";
import { call, createLead, expectProblem, json, signup } from "../../tests/api";

describe("integration: leads CRUD, search, filters, pagination", () => {
  it("creates a lead with an E.164 phone, a stored score breakdown and a timeline event", async () => {
    const { token } = await signup();
    const lead = await createLead(token, {
      name: "Bob Smith",
      phone: "(512) 555-0100",
      trade: "roofing",
      description: "Water is pouring through my ceiling",
      source: "whatsapp",
    });
    expect(lead.phone).toBe("+15125550100");
    expect(lead.hot).toBe(true);
    expect(lead.score).toBe(lead.scoreFactors.reduce((s: number, f: { points: number }) => s + f.points, 0));
    const fetched = await json(await call("GET", `/api/v1/leads/${lead.id}`, { token }));
    expect(fetched).toEqual(lead);
    const events = await json(await call("GET", `/api/v1/leads/${lead.id}/events`, { token }));
    expect(events.items).toHaveLength(1);
    expect(events.items[0]).toMatchObject({ type: "lead.created", actor: { name: "Olive Owner" } });
  });

  it("re-scores on every change and records who changed what", async () => {
    const { token } = await signup();
    const lead = await createLead(token, { name: "Carla", description: "quote for painting" });
    const updated = await json(
      await call("PATCH", `/api/v1/leads/${lead.id}`, {
        token,
        body: { status: "qualified", phone: "+1 737 555 0142", tags: ["Repeat", "repeat"] },
      }),
    );
    expect(updated.score).toBe(lead.score + 15 + 10);
    expect(updated.tags).toEqual(["repeat"]);
    const events = await json(await call("GET", `/api/v1/leads/${lead.id}/events`, { token }));
    expect(events.items[0].type).toBe("lead.updated");
    expect(events.items[0].data.changes.status).toEqual(["new", "qualified"]);
    expect(events.items[0].data.changes.phone).toEqual([null, "+17375550142"]);
  });

  it("detects duplicates by phone or email within the tenant (409 with the matches), unless forced", async () => {
    const { token } = await signup();
    const first = await createLead(token, { name: "Dan", phone: "+15125550111", email: "dan@example.com" });
    const conflict = await expectProblem(
      await call("POST", "/api/v1/leads", { token, body: { name: "Daniel", email: "DAN@example.com" } }),
      409,
    );
    expect(conflict.duplicates[0].id).toBe(first.id);
    expect(
      (await call("POST", "/api/v1/leads?allowDuplicate=true", { token, body: { name: "Daniel", email: "dan@example.com" } })).status,
    ).toBe(201);
    const check = await json(await call("GET", "/api/v1/leads/duplicates?phone=512-555-0111", { token }));
    expect(check.items.map((d: { id: string }) => d.id)).toEqual([first.id]);
    // Another workspace has no duplicates of this workspace's leads.
    const other = await signup();
    expect((await call("POST", "/api/v1/leads", { token: other.token, body: { name: "Dan", phone: "+15125550111" } })).status).toBe(201);
  });

  it("searches with FTS5: prefixes, phone digits, and operator/quote soup is treated as words", async () => {
    const { token } = await signup();
    await createLead(token, { name: "Erin Gutierrez", phone: "+15125550123", city: "Austin", description: "roof leak above the garage" });
    await createLead(token, { name: "Frank Ortiz", city: "Round Rock", description: "new bathroom tiles" });
    const search = async (q: string) =>
      (await json(await call("GET", `/api/v1/leads?q=${encodeURIComponent(q)}`, { token }))).items.map((l: { name: string }) => l.name);
    expect(await search("gutier")).toEqual(["Erin Gutierrez"]);
    expect(await search("garage leak")).toEqual(["Erin Gutierrez"]);
    expect(await search("512 555 0123")).toEqual(["Erin Gutierrez"]);
    expect(await search("5125550")).toEqual(["Erin Gutierrez"]); // a partial national number
    for (const partial of ["0123", "555-0123", "512555", "55 50 12"]) expect(await search(partial), partial).toEqual(["Erin Gutierrez"]);
    expect(await search("bathroom")).toEqual(["Frank Ortiz"]);
    for (const hostile of ['"', '"roof" OR name:*', "NEAR(a b) ^ -- ' ; DROP TABLE leads", "***", "((("]) {
      const response = await call("GET", `/api/v1/leads?q=${encodeURIComponent(hostile)}`, { token });
      expect(response.status, hostile).toBe(200);
    }
    expect(await search('"roof" (garage*')).toEqual(["Erin Gutierrez"]);
  });

  it("filters by status, source, score range, hot, tag, assignee and created range", async () => {
    const { token, userId } = await signup();
    const a = await createLead(token, {
      name: "A",
      source: "sms",
      status: "contacted",
      tags: ["vip"],
      description: "burst pipe, emergency",
    });
    const b = await createLead(token, { name: "B", source: "web", assigneeId: userId });
    const names = async (query: string) =>
      (await json(await call("GET", `/api/v1/leads?${query}`, { token }))).items.map((l: { name: string }) => l.name).sort();
    expect(await names("status=contacted")).toEqual(["A"]);
    expect(await names("source=sms,web")).toEqual(["A", "B"]);
    expect(await names(`scoreMin=${a.score}`)).toEqual(["A"]);
    expect(await names(`scoreMax=${b.score}`)).toEqual(["B"]);
    expect(await names("hot=true")).toEqual(["A"]);
    expect(await names("tag=VIP")).toEqual(["A"]);
    expect(await names(`assigneeId=${userId}`)).toEqual(["B"]);
    expect(await names("assigneeId=unassigned")).toEqual(["A"]);
    expect(await names("createdFrom=2000-01-01&createdTo=2000-12-31")).toEqual([]);
    expect(await names(`createdFrom=${new Date(Date.now() - 60_000).toISOString()}`)).toEqual(["A", "B"]);
    const today = new Date().toISOString().slice(0, 10);
    expect(await names(`createdFrom=${today}&createdTo=${today}`)).toEqual(["A", "B"]); // a bare end date includes its day
    expect(await json(await call("GET", "/api/v1/leads/tags", { token }))).toEqual({ items: [{ tag: "vip", count: 1 }] });
  });

  it("pages with an opaque keyset cursor in every sort order without gaps or repeats", async () => {
    const { token } = await signup();
    for (let i = 0; i < 7; i++) await createLead(token, { name: `Lead ${String.fromCharCode(71 - i)}`, description: "x".repeat(i * 15) });
    for (const sort of ["-createdAt", "createdAt", "name", "-name", "score", "-score"]) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const response: any = await json(
          await call("GET", `/api/v1/leads?limit=3&sort=${sort}&includeTotal=true${cursor ? `&cursor=${cursor}` : ""}`, { token }),
        );
        expect(response.total).toBe(7);
        seen.push(...response.items.map((l: { id: string }) => l.id));
        cursor = response.nextCursor;
      } while (cursor);
      expect(new Set(seen).size, sort).toBe(7);
    }
    const byName = await json(await call("GET", "/api/v1/leads?sort=name&limit=3", { token }));
    expect(byName.items.map((l: { name: string }) => l.name)).toEqual(["Lead A", "Lead B", "Lead C"]);
  });

  it("bulk-updates status, assignee and tags atomically and refuses the whole batch when an id is unknown", async () => {
    const { token, userId } = await signup();
    const leads = [await createLead(token, { name: "One", tags: ["old"] }), await createLead(token, { name: "Two" })];
    const ids = leads.map((l) => l.id);
    const missing = await expectProblem(
      await call("POST", "/api/v1/leads/bulk", { token, body: { ids: [...ids, "lead_missing"], set: { status: "won" } } }),
      404,
    );
    expect(missing.detail).toContain("lead_missing");
    expect((await json(await call("GET", `/api/v1/leads/${ids[0]}`, { token }))).status).toBe("new");
    const result = await json(
      await call("POST", "/api/v1/leads/bulk", {
        token,
        body: { ids, set: { status: "contacted", assigneeId: userId, addTags: ["spring"], removeTags: ["old"] } },
      }),
    );
    expect(result).toEqual({ updated: 2, unchanged: 0 });
    const one = await json(await call("GET", `/api/v1/leads/${ids[0]}`, { token }));
    expect(one).toMatchObject({ status: "contacted", assigneeId: userId, tags: ["spring"] });
    expect(await json(await call("GET", "/api/v1/leads?tag=old", { token }))).toMatchObject({ items: [] });
    await expectProblem(
      await call("POST", "/api/v1/leads/bulk", {
        token,
        body: { ids: Array.from({ length: 1001 }, (_, i) => `lead_${i}`), set: { status: "won" } },
      }),
      400,
    );
    await expectProblem(await call("POST", "/api/v1/leads/bulk", { token, body: { ids, set: {} } }), 400);
  });

  it("bulk-updates 1,000 leads in one request", async () => {
    const { token } = await signup();
    const header = "name,phone\n";
    const rows = Array.from({ length: 1000 }, (_, i) => `Bulk ${i},+1512555${String(i).padStart(4, "0")}`).join("\n");
    expect(
      (await json(await call("POST", "/api/v1/leads/import", { token, raw: header + rows, headers: { "Content-Type": "text/csv" } })))
        .imported,
    ).toBe(1000);
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const page: any = await json(await call("GET", `/api/v1/leads?limit=200${cursor ? `&cursor=${cursor}` : ""}`, { token }));
      ids.push(...page.items.map((l: { id: string }) => l.id));
      cursor = page.nextCursor;
    } while (cursor);
    const result = await json(await call("POST", "/api/v1/leads/bulk", { token, body: { ids, set: { status: "lost" } } }));
    expect(result.updated).toBe(1000);
    expect((await json(await call("GET", "/api/v1/leads?status=lost&includeTotal=true&limit=1", { token }))).total).toBe(1000);
  });

  it("deletes (admin+) and the lead is gone", async () => {
    const { token } = await signup();
    const lead = await createLead(token, { name: "Gone" });
    expect((await call("DELETE", `/api/v1/leads/${lead.id}`, { token })).status).toBe(204);
    await expectProblem(await call("GET", `/api/v1/leads/${lead.id}`, { token }), 404);
    await expectProblem(await call("DELETE", `/api/v1/leads/${lead.id}`, { token }), 404);
  });
});

describe("integration: bad input is a clear 4xx", () => {
  it("answers malformed JSON, wrong types, unknown fields, oversize bodies, bad cursors and bad phones with problem+json", async () => {
    const { token } = await signup();
    const post = (raw: string, type = "application/json") =>
      call("POST", "/api/v1/leads", { token, raw, headers: { "Content-Type": type } });
    expect((await expectProblem(await post("{name:"), 400)).detail).toBe("The request body is not valid JSON.");
    expect((await expectProblem(await post(JSON.stringify({ name: 42 })), 400)).errors[0].field).toBe("name");
    expect((await expectProblem(await post(JSON.stringify({ name: "x", colour: "red" })), 400)).detail).toContain("colour");
    expect((await expectProblem(await post(JSON.stringify({ name: "x", status: "maybe" })), 400)).errors[0].field).toBe("status");
    expect((await expectProblem(await post(JSON.stringify({ name: "x", lat: 123 })), 400)).errors[0].field).toBe("lat");
    await expectProblem(await post(JSON.stringify({ name: "x".repeat(2_000_000) })), 413);
    expect((await expectProblem(await post("name=x", "application/x-www-form-urlencoded"), 415)).detail).toMatch(/application\/json/);
    expect((await expectProblem(await post(JSON.stringify({ name: "x", phone: "12" })), 400)).errors[0]).toEqual({
      field: "phone",
      message: "Enter a phone number, e.g. +1 512 555 0100.",
    });
    expect((await expectProblem(await post(JSON.stringify({ name: "x", phone: "+1 000 000 0000" })), 400)).detail).toMatch(
      /not a valid phone number/,
    );
    expect((await expectProblem(await post(JSON.stringify({ email: "nope", phone: "12" })), 400)).detail).toBe(
      "3 fields need attention: name, phone, email.",
    );
    await expectProblem(await call("GET", "/api/v1/leads?cursor=bm90LWEtY3Vyc29y", { token }), 400);
    await expectProblem(await call("GET", "/api/v1/leads?limit=5000", { token }), 400);
    await expectProblem(await call("GET", "/api/v1/leads?status=maybe", { token }), 400);
    await expectProblem(await call("GET", "/api/v1/leads?scoreMin=90&scoreMax=10", { token }), 400);
    await expectProblem(await call("GET", "/api/v1/leads?createdFrom=yesterday", { token }), 400);
    await expectProblem(await call("GET", "/api/v1/leads?sort=password", { token }), 400);
    await expectProblem(await call("GET", `/api/v1/leads?q=${"a".repeat(300)}`, { token }), 400);
    await expectProblem(await call("PATCH", "/api/v1/leads/lead_nope", { token, body: { name: "y" } }), 404);
    await expectProblem(await call("GET", "/api/v1/nowhere", { token }), 404);
  });
});
