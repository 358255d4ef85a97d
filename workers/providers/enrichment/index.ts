import type { Env } from "../../env";
import { AttomPropertyDetails } from "./attom";
import { BatchDataSkipTrace } from "./batchdata";
import { ComposedEnrichment } from "./composed";
import { FictitiousContacts, SampleHailSwaths, SamplePropertyDetails } from "./local";
import { NoaaHailHistory } from "./noaa-hail";
import type { EnrichmentProvider } from "./provider";

/**
 * Each part by its own setting: ATTOM details with ATTOM_API_KEY, BatchData contacts with
 * BATCHDATA_API_KEY, NOAA hail history with SCAN_STORMS="noaa" (it needs no key). Production
 * never uses the sample data.
 */
export function enrichmentProvider(env: Env): EnrichmentProvider {
  const production = env.ENVIRONMENT === "production";
  if (production && (!env.ATTOM_API_KEY || !env.BATCHDATA_API_KEY))
    throw new Error("ATTOM_API_KEY and BATCHDATA_API_KEY must be set: production does not use sample owners or contacts");
  const details = env.ATTOM_API_KEY ? new AttomPropertyDetails(env.ATTOM_API_KEY, env.ATTOM_URL || undefined) : new SamplePropertyDetails();
  const contacts = env.BATCHDATA_API_KEY
    ? new BatchDataSkipTrace(env.BATCHDATA_API_KEY, env.BATCHDATA_URL || undefined)
    : new FictitiousContacts();
  const storms = production || env.SCAN_STORMS === "noaa" ? new NoaaHailHistory(env.NOAA_SWDI_URL || undefined) : new SampleHailSwaths();
  return new ComposedEnrichment(details, contacts, storms);
}
