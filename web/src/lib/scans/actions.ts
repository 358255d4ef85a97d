import { api, apiUrl } from "../api/client";
import { downloadUrl } from "../download";
import type { Scan } from "./types";

export const cancelScan = (id: string) => api<Scan>(`/scans/${encodeURIComponent(id)}/cancel`, { method: "POST" });

/** The scan's results as CSV: a 60-second export ticket lets the browser stream it to disk, like the leads export. */
export async function downloadScanCsv(scan: Pick<Scan, "id">): Promise<void> {
  const { ticket } = await api<{ ticket: string }>("/leads/export-ticket", { method: "POST" });
  downloadUrl(apiUrl(`/scans/${encodeURIComponent(scan.id)}/leads.csv`, { ticket }));
}
