import type { Property } from "../../scans/catalog/catalog";
import { addressParts } from "./address";
import type { PropertyDetails, PropertyDetailsSource } from "./provider";

interface AttomProperty {
  summary?: { yearbuilt?: number; yearBuilt?: number; absenteeInd?: string };
  assessment?: { assessed?: { assdttlvalue?: number }; owner?: { owner1?: { fullname?: string; fullName?: string } } };
}
interface AttomResponse {
  status?: { code?: number | string; msg?: string };
  property?: AttomProperty[];
}

const positive = (n: unknown): number | null => (typeof n === "number" && Number.isFinite(n) && n > 0 ? n : null);

/**
 * ATTOM's property API by address. The expanded profile is the one call that carries year
 * built, occupancy (absenteeInd), the assessed value and the owner of record together; the
 * plain detail endpoint lacks the assessment and owner.
 */
export class AttomPropertyDetails implements PropertyDetailsSource {
  readonly name = "attom";

  constructor(
    private readonly apiKey: string,
    private readonly baseUrl = "https://api.gateway.attomdata.com",
  ) {}

  async details(property: Property, signal?: AbortSignal): Promise<PropertyDetails | null> {
    const { street, city, state, zip } = addressParts(property);
    const query = new URLSearchParams({ address1: street, address2: `${city}, ${state} ${zip}`.trim() });
    const response = await fetch(`${this.baseUrl}/propertyapi/v1.0.0/property/expandedprofile?${query}`, {
      headers: { apikey: this.apiKey, Accept: "application/json" },
      signal: signal ?? AbortSignal.timeout(15_000),
    });
    const body = (await response.json().catch(() => null)) as AttomResponse | null;
    // An address ATTOM does not know answers "SuccessWithoutResult" (with HTTP 400).
    if (body?.status?.msg === "SuccessWithoutResult") return null;
    if (!response.ok) throw new Error(`ATTOM ${response.status}: ${body?.status?.msg ?? "request refused"}`);
    if (!body || !Array.isArray(body.property)) throw new Error("ATTOM answered without a property list");
    const record = body.property[0];
    if (!record) return null;
    const absentee = record.summary?.absenteeInd?.toUpperCase() ?? "";
    return {
      yearBuilt: positive(record.summary?.yearbuilt ?? record.summary?.yearBuilt),
      assessedValue: positive(record.assessment?.assessed?.assdttlvalue),
      ownerOccupied: absentee.startsWith("OWNER OCCUPIED") ? true : absentee.startsWith("ABSENTEE") ? false : null,
      ownerName: record.assessment?.owner?.owner1?.fullname ?? record.assessment?.owner?.owner1?.fullName ?? null,
    };
  }
}
