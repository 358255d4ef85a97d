import type { Property } from "../../scans/catalog/catalog";
import { toE164 } from "../../leads/phone";
import { addressParts } from "./address";
import type { ContactSource, OwnerContact } from "./provider";

interface Person {
  phoneNumbers?: { number?: string; dnc?: boolean; reachable?: boolean }[];
  emails?: { email?: string }[];
}
interface SkipTraceResponse {
  status?: { code?: number; text?: string; message?: string };
  results?: { persons?: Person[] };
}

/** BatchData property skip trace: the owner's phone and email by property address. */
export class BatchDataSkipTrace implements ContactSource {
  readonly name = "batchdata";

  constructor(
    private readonly apiKey: string,
    private readonly baseUrl = "https://api.batchdata.com",
  ) {}

  async contact(property: Property, signal?: AbortSignal): Promise<OwnerContact | null> {
    const response = await fetch(`${this.baseUrl}/api/v1/property/skip-trace`, {
      method: "POST",
      headers: { Authorization: `Bearer ${this.apiKey}`, "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify({ requests: [{ propertyAddress: addressParts(property) }] }),
      signal: signal ?? AbortSignal.timeout(15_000),
    });
    const body = (await response.json().catch(() => null)) as SkipTraceResponse | null;
    if (!response.ok) throw new Error(`BatchData ${response.status}: ${body?.status?.message ?? body?.status?.text ?? "request refused"}`);
    const persons = body?.results?.persons;
    if (!Array.isArray(persons)) throw new Error("BatchData answered without results.persons");
    // Numbers on the Do Not Call registry are not offered for outreach.
    const phone = persons.flatMap((p) => p.phoneNumbers ?? []).find((n) => n.number && !n.dnc && n.reachable !== false)?.number ?? null;
    const email = persons.flatMap((p) => p.emails ?? []).find((e) => e.email)?.email ?? null;
    return phone || email ? { phone: phone ? toE164(phone, "US") : null, email } : null;
  }
}
