// The local D1 database through wrangler, so seeding writes exactly where `wrangler dev` reads.
// `persistDir` undefined means wrangler's default (.wrangler/state), the one `npm start` uses.
import { run } from "./toolchain.mjs";

export function localD1(persistDir) {
  const target = ["DB", "--local", ...(persistDir ? ["--persist-to", persistDir] : [])];
  return {
    migrate: () => run("wrangler", ["d1", "migrations", "apply", ...target], { capture: true }),

    /** Runs a SQL file; wrangler sends all its statements as one batch (one transaction). */
    executeFile: (file) => run("wrangler", ["d1", "execute", ...target, "--file", file], { capture: true }),

    /** Rows of one SELECT. */
    async query(sql) {
      const out = await run("wrangler", ["d1", "execute", ...target, "--json", "--command", sql], { capture: true });
      return JSON.parse(out)[0].results;
    },
  };
}
