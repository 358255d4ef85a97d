import { DurableObject } from "cloudflare:workers";
import type { Env } from "../workers/env";

/** One object per scan: fans progress out to /ws/scans/:id sockets. */
export class ScanProgress extends DurableObject<Env> {}
