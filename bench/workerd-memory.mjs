// Resident memory of the workerd processes under one `wrangler dev` (Linux /proc), summed, as
// wrangler runs more than one workerd. VmRSS is everything resident; RssAnon leaves out
// mapped files, so it shows what heaps and caches hold.
import { readdirSync, readFileSync } from "node:fs";

/** PIDs of every workerd process descended from `rootPid`. */
export function workerdPids(rootPid) {
  const parents = new Map();
  const names = new Map();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // /proc/PID/stat is "pid (comm) state ppid …"; comm may hold spaces, so split after ")".
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      names.set(Number(entry), stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")")));
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
    } catch {
      // the process ended while we looked
    }
  }
  const descends = (pid) => {
    for (let p = parents.get(pid); p; p = parents.get(p)) if (p === rootPid) return true;
    return false;
  };
  return [...names].filter(([pid, name]) => name === "workerd" && descends(pid)).map(([pid]) => pid);
}

/** Summed VmRSS and RssAnon of `pids`, in bytes. */
export function memoryOf(pids) {
  const total = { rss: 0, anon: 0 };
  for (const pid of pids) {
    let status;
    try {
      status = readFileSync(`/proc/${pid}/status`, "utf8");
    } catch {
      throw new Error(`workerd (pid ${pid}) ended during the measurement; did wrangler dev restart?`);
    }
    total.rss += kib(status, "VmRSS") * 1024;
    total.anon += kib(status, "RssAnon") * 1024;
  }
  return total;
}

const kib = (status, field) => Number(status.match(new RegExp(`^${field}:\\s+(\\d+) kB`, "m"))?.[1] ?? 0);
