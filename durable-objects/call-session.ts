import { DurableObject } from "cloudflare:workers";
import type { Env } from "../workers/env";

/** One object per call: the Media Streams audio session and the call's live transcript sockets. */
export class CallSession extends DurableObject<Env> {}
