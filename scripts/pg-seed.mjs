// npm run db:pg:seed — migrates, then seeds the sample neighbourhood into Postgres (idempotent).
import { migratePg } from "../schema/pg/migrate.ts";
import { connectPg } from "./lib/pg.mjs";
import { seedPgSampleProperties } from "./lib/property-seeding.mjs";
import { main } from "./lib/toolchain.mjs";

main(async () => {
  const sql = await connectPg();
  try {
    await migratePg(sql);
    console.log(`Postgres catalog has ${(await seedPgSampleProperties(sql)).toLocaleString("en-US")} sample properties.`);
  } finally {
    await sql.end();
  }
});
