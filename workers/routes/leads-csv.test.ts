import { describe, expect, it } from "vitest";
import { call, createLead, expectProblem, json, signup } from "../../tests/api";
import { parseCsv } from "../lib/csv";

const importCsv = (token: string, csv: string, query = "") =>
  call("POST", `/api/v1/leads/import${query}`, { token, raw: csv, headers: { "Content-Type": "text/csv" } });

describe("integration: CSV import", () => {
  it("imports valid rows with normalized phones, tags and scores", async () => {
    const { token } = await signup();
    const csv =
      'name,phone,email,city,trade,description,tags\r\n"Gutierrez, Erin",512-555-0101,erin@example.com,Austin,roofing,"Hail damage, ""urgent""",vip;storm\r\nFrank,+1 737 555 0102,,Round Rock,plumbing,,\r\n';
    const result = await json(await importCsv(token, csv));
    expect(result).toMatchObject({ imported: 2, skipped: 0, errors: [], duplicates: [] });
    const list = await json(await call("GET", "/api/v1/leads?sort=name&source=import", { token }));
    expect(list.items.map((l: any) => [l.name, l.phone, l.tags])).toEqual([
      ["Frank", "+17375550102", []],
      ["Gutierrez, Erin", "+15125550101", ["vip", "storm"]],
    ]);
    expect(list.items[1].description).toBe('Hail damage, "urgent"');
  });

  it("all-or-nothing: one bad row imports nothing and every error names its row and field", async () => {
    const { token } = await signup();
    const csv =
      "name,phone,status,lat\nGood,+15125550111,new,30.2\n,+15125550112,new,\nBad phone,12345,new,\nBad status,,maybe,\nBad lat,,,500\n";
    const problem = await expectProblem(await importCsv(token, csv), 422);
    expect(problem.imported).toBe(0);
    expect(problem.errors.map((e: any) => [e.row, e.field])).toEqual([
      [3, "name"],
      [4, "phone"],
      [5, "status"],
      [6, "lat"],
    ]);
    expect((await json(await call("GET", "/api/v1/leads?includeTotal=true", { token }))).total).toBe(0);
    const partial = await json(await importCsv(token, csv, "?mode=skip-invalid"));
    expect(partial).toMatchObject({ imported: 1, skipped: 4 });
  });

  it("skips duplicates against the workspace and within the file, and reports them", async () => {
    const { token } = await signup();
    const existing = await createLead(token, { name: "Existing", phone: "+15125550120" });
    const csv = "name,phone,email\nSame phone,(512) 555-0120,\nNew,+15125550121,new@example.com\nSame email as row 3,,NEW@example.com\n";
    const result = await json(await importCsv(token, csv));
    expect(result.imported).toBe(1);
    expect(result.duplicates).toEqual([
      { row: 2, leadId: existing.id, match: "+15125550120" },
      { row: 4, duplicateOfRow: 3, match: "new@example.com" },
    ]);
  });

  it("rejects a missing name column, broken quoting, a wrong content type and agents", async () => {
    const { token } = await signup();
    expect((await expectProblem(await importCsv(token, "phone\n+15125550100\n"), 400)).detail).toContain("name");
    expect((await expectProblem(await importCsv(token, 'name\n"unclosed\n'), 400)).detail).toContain("quoted");
    await expectProblem(await importCsv(token, ""), 400);
    await expectProblem(await call("POST", "/api/v1/leads/import", { token, body: { name: "x" } }), 415);
  });
});

describe("integration: CSV export", () => {
  it("streams every matching lead with a header, escaping commas, quotes and formula prefixes", async () => {
    const { token } = await signup();
    await createLead(token, { name: '=HYPERLINK("evil")', phone: "+15125550130", description: 'says "hi", twice', status: "won" });
    await createLead(token, { name: "Plain", status: "new" });
    const response = await call("GET", "/api/v1/leads/export.csv?status=won", { token });
    expect(response.headers.get("Content-Type")).toMatch(/^text\/csv/);
    expect(response.headers.get("Content-Disposition")).toMatch(/attachment; filename="leads-\d{4}-\d{2}-\d{2}\.csv"/);
    const rows = parseCsv(await response.text());
    expect(rows[0]!.slice(0, 4)).toEqual(["id", "name", "phone", "email"]);
    expect(rows).toHaveLength(2);
    expect(rows[1]![1]).toBe('\'=HYPERLINK("evil")');
    expect(rows[1]![2]).toBe("'+15125550130");
    expect(rows[1]![10]).toBe('says "hi", twice');
  });

  it("defuses +, -, @, tab and CR-led cells too (OWASP), and a re-import reads them back as they were", async () => {
    const { token } = await signup();
    const payload = "-2+3+cmd|' /C calc'!A0";
    await createLead(token, { name: payload, phone: "+15125550131", description: "@SUM(1+1)*cmd|' /C calc'!A0", tags: ["x"] });
    await createLead(token, { name: "+1+cmd", city: "\t=1+1", tags: ["x"] });
    const text = await (await call("GET", "/api/v1/leads/export.csv?tag=x", { token })).text();
    expect(text).toContain(`"'${payload}"`);
    expect(text).toContain(`"'+15125550131"`);
    expect(text).toContain(`"'@SUM(1+1)*cmd|' /C calc'!A0"`);
    expect(text).not.toMatch(/(^|,)[=+\-@\t]/m);
    const other = await signup();
    expect((await importCsv(other.token, text)).status).toBe(200);
    const imported = await json(await call("GET", "/api/v1/leads", { token: other.token }));
    const read = imported.items.map((l: { name: string; phone: string | null; city: string | null }) => [l.name, l.phone, l.city]);
    expect(read.sort()).toEqual([
      ["+1+cmd", null, "\t=1+1".trim()],
      [payload, "+15125550131", null],
    ]);
  });

  it("a browser download can carry a 60-second export ticket instead of a header, and only for the export", async () => {
    const { token } = await signup();
    await createLead(token, { name: "Ticketed" });
    const { ticket, expiresIn } = await json(await call("POST", "/api/v1/leads/export-ticket", { token }));
    expect(expiresIn).toBe(60);
    const download = await call("GET", `/api/v1/leads/export.csv?status=new&ticket=${ticket}`);
    expect(download.status).toBe(200);
    expect(await download.text()).toContain("Ticketed");
    // Elsewhere `ticket` is not a parameter at all, and a ticket is no bearer token.
    await expectProblem(await call("GET", `/api/v1/leads?ticket=${ticket}`), 400);
    await expectProblem(await call("GET", "/api/v1/leads", { token: ticket }), 401);
    await expectProblem(await call("GET", "/api/v1/leads/export.csv?ticket=forged"), 401);
    await expectProblem(await call("GET", `/api/v1/leads/export.csv?ticket=${token}`), 401);
  });

  it("pages through more leads than one read (1,200 rows) in order", async () => {
    const { token } = await signup();
    const csv = `name\n${Array.from({ length: 1200 }, (_, i) => `Export ${i}`).join("\n")}`;
    expect((await json(await importCsv(token, csv))).imported).toBe(1200);
    const rows = parseCsv(await (await call("GET", "/api/v1/leads/export.csv?sort=createdAt", { token })).text());
    expect(rows).toHaveLength(1201);
    expect(new Set(rows.slice(1).map((r) => r[0])).size).toBe(1200);
    expect(rows[1]![1]).toBe("Export 0");
  });
});
