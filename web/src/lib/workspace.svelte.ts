import { api } from "./api/client";

export interface WorkspaceInfo {
  id: string;
  name: string;
  /** IANA zone the workspace books and reports in, e.g. America/Chicago. */
  timeZone: string;
  /** ISO country: numbers are read and distances measured as people there do. */
  country: string;
}

/** The signed-in workspace's zone and country (from /me), loaded once per session. */
class Workspace {
  info = $state.raw<WorkspaceInfo | null>(null);
  #loading: Promise<WorkspaceInfo> | null = null;

  load(): Promise<WorkspaceInfo> {
    if (!this.#loading) {
      this.#loading = api<{ tenant: WorkspaceInfo }>("/me").then(({ tenant }) => (this.info = tenant));
      this.#loading.catch(() => (this.#loading = null));
    }
    return this.#loading;
  }

  /** Miles in the US, Liberia and Myanmar (and the UK's roads); kilometres elsewhere. */
  get usesMiles(): boolean {
    return ["US", "GB", "LR", "MM"].includes(this.info?.country ?? "US");
  }
}

export const workspace = new Workspace();

/** "Central Time — Chicago" for America/Chicago: the zone as people name it, with its city. */
export function zoneLabel(zone: string): string {
  const city = zone.split("/").at(-1)!.replace(/_/g, " ");
  try {
    const name = new Intl.DateTimeFormat("en-US", { timeZone: zone, timeZoneName: "longGeneric" })
      .formatToParts(new Date())
      .find((p) => p.type === "timeZoneName")?.value;
    return name && !/^GMT/.test(name) ? `${name} — ${city}` : city;
  } catch {
    return zone;
  }
}
