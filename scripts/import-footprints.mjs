// npm run import:footprints -- file.geojson [--url http://localhost:8787] [--source osm] [--skip-invalid]
// Sends a GeoJSON FeatureCollection of building footprints to POST /api/v1/admin/properties/import
// (the OPS_TOKEN comes from the environment or .dev.vars) and prints what was imported.
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { readDevVars } from "./lib/dev-vars.mjs";
import { main } from "./lib/toolchain.mjs";

main(async () => {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      url: { type: "string", default: process.env.BASE_URL || "http://localhost:8787" },
      source: { type: "string", default: "geojson" },
      "skip-invalid": { type: "boolean", default: false },
    },
  });
  const [file] = positionals;
  if (!file)
    throw new Error("Usage: npm run import:footprints -- file.geojson [--url http://localhost:8787] [--source osm] [--skip-invalid]");
  const token = process.env.OPS_TOKEN || readDevVars().OPS_TOKEN;
  if (!token) throw new Error("No OPS_TOKEN: set it in the environment or in .dev.vars.");

  const query = new URLSearchParams({ source: values.source, mode: values["skip-invalid"] ? "skip-invalid" : "all-or-nothing" });
  const url = `${values.url.replace(/\/+$/, "")}/api/v1/admin/properties/import?${query}`;
  let response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/geo+json" },
      body: await readFile(file),
    });
  } catch (err) {
    throw new Error(`Cannot reach ${values.url} (${err.cause?.code ?? err.message}). Is the Worker running?`);
  }
  const body = await response.json().catch(() => ({}));
  for (const error of body.errors ?? []) console.log(`  feature ${error.index}: ${error.message}`);
  if (!response.ok) throw new Error(`Import failed: HTTP ${response.status} ${body.detail ?? ""}`);
  for (const duplicate of body.duplicates)
    console.log(`  feature ${duplicate.index}: duplicate of feature ${duplicate.firstIndex} (${duplicate.id})`);
  console.log(`Imported ${body.imported} properties; ${body.existing} were already in the catalog; ${body.skipped} skipped.`);
  if (body.attribution) console.log(`Attribution kept (audit log): ${body.attribution}`);
});
