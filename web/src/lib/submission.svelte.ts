import { ApiError } from "./api/problem";
import { errorMessage, fieldMessage, type Labels } from "./api/words";

/** One form's busy flag and API problem, so every form reports failures the same way, in its own labels. */
export class Submission {
  busy = $state(false);
  error = $state<ApiError | null>(null);
  message = $state<string | null>(null);

  constructor(private readonly labels: Labels = {}) {}

  /** The sentence to show next to the input for `field`. */
  field(field: string): string | undefined {
    return fieldMessage(this.error, field, this.labels);
  }

  async run(work: () => Promise<unknown>): Promise<void> {
    this.busy = true;
    this.error = null;
    this.message = null;
    try {
      await work();
    } catch (err) {
      if (err instanceof ApiError) this.error = err;
      const message = errorMessage(err, this.labels);
      this.message = err instanceof ApiError && err.retryAfter ? `${message} (wait ${err.retryAfter} s)` : message;
    } finally {
      this.busy = false;
    }
  }
}
