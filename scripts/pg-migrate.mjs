// npm run db:pg:migrate — applies schema/pg/migrations to the catalog's Postgres (see scripts/lib/pg.mjs).
import { migratePg } from "../schema/pg/migrate.ts";
import { connectPg } from "./lib/pg.mjs";
import { main } from "./lib/toolchain.mjs";

main(async () => {
  const sql = await connectPg();
  try {
    const applied = await migratePg(sql);
    console.log(applied.length ? `Applied ${applied.join(", ")}.` : "Postgres schema is up to date.");
  } finally {
    await sql.end();
  }
});
