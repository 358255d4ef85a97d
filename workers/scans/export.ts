import { pagedCsv } from "../lib/csv";
import type { Enrichment } from "../providers/enrichment/provider";
import type { RoofAnalysis } from "../providers/roof/provider";
import type { ResultFilters, ScanReader } from "./repository";
import type { ScanResultRow } from "./views";

const PAGE = 500;
const COLUMNS = [
  "property_id",
  "address",
  "lat",
  "lng",
  "status",
  "score",
  "hot",
  "roof_condition",
  "roof_area_m2",
  "roof_damage",
  "imagery_date",
  "year_built",
  "assessed_value",
  "owner_occupied",
  "owner_name",
  "phone",
  "email",
  "storm_events",
  "factors",
  "lead_id",
  "error",
] as const;

const parsed = <T>(text: string | null) => (text ? (JSON.parse(text) as T) : null);

function cells(row: ScanResultRow) {
  const roof = parsed<RoofAnalysis>(row.roofJson);
  const enrichment = parsed<Enrichment>(row.enrichmentJson);
  const factors = parsed<{ label: string; points: number; weight: number }[]>(row.factorsJson) ?? [];
  return [
    row.propertyId,
    row.address,
    row.lat,
    row.lng,
    row.status,
    row.score,
    row.hot,
    roof?.condition,
    roof?.areaM2,
    roof?.damage.join("; "),
    roof?.imageryDate,
    enrichment?.yearBuilt,
    enrichment?.assessedValue,
    enrichment?.ownerOccupied,
    enrichment?.ownerName,
    enrichment?.phone,
    enrichment?.email,
    enrichment?.stormEvents,
    factors.map((f) => `${f.label} ${f.points}/${f.weight}`).join("; "),
    row.leadId,
    row.error,
  ];
}

/** A scan's processed results as CSV, in the order of the results list (best score first). */
export function scanResultsCsv(reader: ScanReader, scanId: string, filters: ResultFilters): ReadableStream<Uint8Array> {
  return pagedCsv<string>(COLUMNS, async (cursor) => {
    const { items, nextCursor } = await reader.results(scanId, filters, PAGE, cursor);
    return { rows: items.map(cells), nextCursor };
  });
}
