// Writes workers/addresses/data/us-zips.json, the compact US ZIP centroid table the local
// geocoder and the address parser read (nothing is fetched at run time). Source: the `zipcodes`
// npm package (dev dependency), whose data is the public-domain federal ZIP code database.
//   node scripts/generate-zip-table.mjs
// Shaped so that loading it is one JSON.parse and nothing more: `cities` maps a city key ("austin",
// as gazetteer.ts's cityKey writes it) to its places, "TX|Austin|78701 30271 -97743,78702 …" (one
// per state, joined by ";"), coordinates in thousandths of a degree (≈ 100 m, finer than a ZIP
// centroid is anyway); `zips` is every ZIP in order, each followed by its city's position among
// the keys of `cities` in base 36 (9 characters a record: found by binary search, never parsed).
import { writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import { cityKey } from "../workers/addresses/city-key.ts";
import { main, ROOT } from "./lib/toolchain.mjs";

main(async () => {
  const { codes } = createRequire(import.meta.url)("zipcodes/lib/codes.js");
  const groups = new Map();
  for (const code of Object.values(codes)) {
    if (code.country !== "US" || !code.latitude || !code.longitude || !/^\d{5}$/.test(code.zip)) continue;
    const group = `${code.state}|${code.city}`;
    const rows = groups.get(group) ?? [];
    rows.push(`${code.zip} ${Math.round(code.latitude * 1000)} ${Math.round(code.longitude * 1000)}`);
    groups.set(group, rows);
  }
  const cities = {};
  const zipCity = [];
  for (const [group, rows] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
    const key = cityKey(group.split("|")[1]);
    cities[key] = cities[key] ? `${cities[key]};${group}|${rows.sort().join(",")}` : `${group}|${rows.sort().join(",")}`;
    for (const row of rows) zipCity.push([row.slice(0, 5), key]);
  }
  const position = new Map(Object.keys(cities).map((key, i) => [key, i.toString(36).padStart(4, "0")]));
  const zips = zipCity
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([zip, key]) => zip + position.get(key))
    .join("");
  const file = join(ROOT, "workers/addresses/data/us-zips.json");
  await writeFile(file, `${JSON.stringify({ source: "zipcodes@8.0.0 (federal ZIP code database, public domain)", cities, zips })}\n`);
  console.log(`Wrote ${zipCity.length.toLocaleString("en-US")} ZIPs in ${groups.size.toLocaleString("en-US")} cities to ${file}.`);
});
