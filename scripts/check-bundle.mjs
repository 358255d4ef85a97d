// npm run deploy:dry-run: bundles the Worker exactly as `wrangler deploy` would, without
// uploading, and fails when the gzipped script exceeds the 3 MB limit of the Workers Free plan
// (static assets are uploaded separately and do not count).
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { main, run } from "./lib/toolchain.mjs";

const LIMIT_BYTES = 3 * 1024 * 1024;
const NOT_UPLOADED = /(\.map|README\.md)$/;

main(async () => {
  const outdir = await mkdtemp(join(tmpdir(), "homeline-bundle-"));
  try {
    await run("wrangler", ["deploy", "--dry-run", "--outdir", outdir], { capture: true });
    let raw = 0;
    let gzipped = 0;
    for (const entry of await readdir(outdir, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || NOT_UPLOADED.test(entry.name)) continue;
      const bytes = await readFile(join(entry.parentPath, entry.name));
      raw += bytes.length;
      gzipped += gzipSync(bytes, { level: 9 }).length;
    }
    const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
    console.log(
      `Worker bundle: ${kib(raw)} raw, ${kib(gzipped)} gzipped (limit ${kib(LIMIT_BYTES)}, ${((gzipped / LIMIT_BYTES) * 100).toFixed(1)}% used).`,
    );
    if (gzipped > LIMIT_BYTES) throw new Error(`The gzipped Worker bundle is ${kib(gzipped - LIMIT_BYTES)} over the limit.`);
  } finally {
    await rm(outdir, { recursive: true, force: true });
  }
});
