// Pure types: the web app imports this file too.

/** Counts per analysis stage of the properties processed so far. */
export interface StageCounts {
  imagery: number;
  roof: number;
  enrichment: number;
  scored: number;
  failed: number;
}
