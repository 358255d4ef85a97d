import { ApiError, errorMessage } from "./api/problem";

/** One form's busy flag and API problem, so every form reports failures the same way. */
export class Submission {
  busy = $state(false);
  error = $state<ApiError | null>(null);
  message = $state<string | null>(null);

  async run(work: () => Promise<unknown>): Promise<void> {
    this.busy = true;
    this.error = null;
    this.message = null;
    try {
      await work();
    } catch (err) {
      if (err instanceof ApiError) this.error = err;
      this.message = err instanceof ApiError && err.retryAfter ? `${err.detail} (wait ${err.retryAfter} s)` : errorMessage(err);
    } finally {
      this.busy = false;
    }
  }
}
