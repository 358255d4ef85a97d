import { drizzle } from "drizzle-orm/d1";
import * as tables from "../../schema/d1/index";

const create = (d1: D1Database) => drizzle(d1, { schema: tables });
export type Database = ReturnType<typeof create>;

// drizzle() walks the whole schema to build its relational config on every call, which cost
// more than the queries of a webhook; one instance per binding serves every request.
const instances = new WeakMap<D1Database, Database>();

export function database(d1: D1Database): Database {
  let db = instances.get(d1);
  if (!db) {
    db = create(d1);
    instances.set(d1, db);
  }
  return db;
}
export { tables };
