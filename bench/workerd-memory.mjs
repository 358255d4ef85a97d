// Resident memory of a local server's workerd processes (Linux /proc), summed. VmRSS is everything resident; RssAnon leaves out
// mapped files, so it shows what heaps and caches hold.
import { readFileSync } from "node:fs";

/** Summed VmRSS and RssAnon of `pids`, in bytes. */
export function memoryOf(pids) {
  const total = { rss: 0, anon: 0 };
  for (const pid of pids) {
    let status;
    try {
      status = readFileSync(`/proc/${pid}/status`, "utf8");
    } catch {
      throw new Error(`workerd (pid ${pid}) ended during the measurement; did the server restart?`);
    }
    total.rss += kib(status, "VmRSS") * 1024;
    total.anon += kib(status, "RssAnon") * 1024;
  }
  return total;
}

const kib = (status, field) => Number(status.match(new RegExp(`^${field}:\\s+(\\d+) kB`, "m"))?.[1] ?? 0);
