// Types of network.mjs for the TypeScript tests that build the demo network through the API.
export interface DemoPro {
  name: string;
  phone: string;
  trades: string[];
  postcodes?: string[];
  cities?: string[];
  radiusKm?: number;
  /** [weekday (0 = Monday), start minute, end minute] in the workspace's zone. */
  hours: [number, number, number][];
}

export const NETWORKS: Record<
  string,
  { whatsapp: { phoneNumberId: string; displayNumber: string }; sms: { number: string }; pros: DemoPro[] }
>;
export function networkStatements(slug: string, tenant: { id: string; timeZone: string }, createdAt: number): string[];
export function ensureNetwork(d1: unknown, slug: string, tenantId: string, log?: (line: string) => void): Promise<boolean>;
