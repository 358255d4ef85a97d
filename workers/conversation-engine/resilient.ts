import type { ConversationEngine, EngineTools, TurnInput, TurnResult } from "./engine";

/**
 * Opens after `threshold` consecutive failures and stays open for `openMs`; then one trial
 * call is let through (half-open) and its outcome closes or re-opens it.
 */
export class CircuitBreaker {
  private failures = 0;
  private openUntil = 0;

  constructor(
    readonly threshold = 5,
    readonly openMs = 30_000,
    private readonly clock: () => number = Date.now,
  ) {}

  get isOpen(): boolean {
    return this.clock() < this.openUntil;
  }

  success(): void {
    this.failures = 0;
    this.openUntil = 0;
  }

  failure(): void {
    this.failures++;
    if (this.failures >= this.threshold) {
      this.openUntil = this.clock() + this.openMs;
      this.failures = this.threshold - 1; // half-open afterwards: one more failure re-opens it
    }
  }
}

export interface RetryPolicy {
  retries: number;
  baseDelayMs: number;
  timeoutMs: number;
  sleep?: (ms: number) => Promise<void>;
}

export const DEFAULT_RETRY: RetryPolicy = { retries: 2, baseDelayMs: 250, timeoutMs: 30_000 };

/**
 * The primary engine (Claude) with retries (exponential backoff), a timeout per attempt and a
 * circuit breaker; when it cannot answer, the fallback (the local engine) does.
 */
export class ResilientEngine implements ConversationEngine {
  readonly name: string;

  constructor(
    private readonly primary: ConversationEngine,
    private readonly fallback: ConversationEngine,
    private readonly breaker: CircuitBreaker,
    private readonly policy: RetryPolicy = DEFAULT_RETRY,
  ) {
    this.name = `${primary.name}+${fallback.name}`;
  }

  async turn(input: TurnInput, tools: EngineTools): Promise<TurnResult> {
    const sleep = this.policy.sleep ?? ((ms: number) => new Promise((resolve) => setTimeout(resolve, ms)));
    let streamed = false;
    const onText = input.onText && ((delta: string) => ((streamed = true), input.onText!(delta)));
    for (let attempt = 0; attempt <= this.policy.retries && !this.breaker.isOpen; attempt++) {
      if (attempt > 0) await sleep(this.policy.baseDelayMs * 2 ** (attempt - 1));
      input.signal?.throwIfAborted();
      // Each attempt has its own signal, so a timed-out attempt stops streaming into the next one.
      const attemptControl = new AbortController();
      const stop = () => attemptControl.abort(input.signal?.reason);
      input.signal?.addEventListener("abort", stop);
      try {
        const result = await withTimeout(
          this.primary.turn({ ...input, onText, signal: attemptControl.signal }, tools),
          this.policy.timeoutMs,
          attemptControl,
        );
        this.breaker.success();
        return result;
      } catch (error) {
        if (input.signal?.aborted) throw error;
        this.breaker.failure();
        // Words already streamed have been shown or spoken: answering again would repeat them.
        if (streamed) throw error;
      } finally {
        input.signal?.removeEventListener("abort", stop);
      }
    }
    const result = await this.fallback.turn(input, tools);
    return { ...result, engine: `${this.fallback.name} (fallback)` };
  }
}

function withTimeout<T>(work: Promise<T>, ms: number, control: AbortController): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>(
    (_, reject) =>
      (timer = setTimeout(() => {
        const error = new Error(`timed out after ${ms} ms`);
        control.abort(error);
        reject(error);
      }, ms)),
  );
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
