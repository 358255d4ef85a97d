// Linux /proc readings for local servers: which workerd processes a server runs, and how much
// CPU time a process has used (what benchmarks divide by the requests served).
import { readdirSync, readFileSync } from "node:fs";

// /proc/PID/stat counts CPU time in clock ticks; Linux's USER_HZ is 100 on every common build.
const TICK_MS = 10;

/** "pid (comm) state ppid … utime stime …" → its fields, comm (which may hold spaces) apart. */
function stat(pid) {
  const text = readFileSync(`/proc/${pid}/stat`, "utf8");
  return {
    name: text.slice(text.indexOf("(") + 1, text.lastIndexOf(")")),
    fields: text.slice(text.lastIndexOf(")") + 2).split(" "), // fields[0] is field 3 (state)
  };
}

/** PIDs of every workerd process descended from `rootPid`. */
export function workerdPids(rootPid) {
  const parents = new Map();
  const names = new Map();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const { name, fields } = stat(entry);
      names.set(Number(entry), name);
      parents.set(Number(entry), Number(fields[1]));
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

/** CPU time (user + system, ms) used so far by `pids`, summed; a process that ended counts 0. */
export function cpuMs(pids) {
  let total = 0;
  for (const pid of pids) {
    try {
      const { fields } = stat(pid);
      total += (Number(fields[11]) + Number(fields[12])) * TICK_MS; // utime, stime (fields 14, 15)
    } catch {
      // ended
    }
  }
  return total;
}

export const isRunning = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
