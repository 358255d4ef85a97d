import { DurableObject } from "cloudflare:workers";
import type { Env } from "../workers/env";
import { bookSlot, type BookingRequest, type BookingResult } from "../workers/booking/book";

/**
 * One per pro (named tenant:pro): every booking and reschedule of that pro runs here, one at
 * a time, so the availability re-check and the insert can never interleave with another
 * attempt (Cal.com's double bookings came from exactly that check-then-insert race).
 */
export class ProCalendar extends DurableObject<Env> {
  private tail: Promise<unknown> = Promise.resolve();

  static key(tenantId: string, proId: string): string {
    return `${tenantId}:${proId}`;
  }

  async book(request: BookingRequest): Promise<BookingResult> {
    return this.serialized(() => bookSlot(this.env, request));
  }

  private serialized<T>(work: () => Promise<T>): Promise<T> {
    const run = this.tail.then(work, work);
    this.tail = run.catch(() => undefined);
    return run;
  }
}
