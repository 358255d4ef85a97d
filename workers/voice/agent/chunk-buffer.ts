/**
 * Audio as it arrives from a stream, readable from the start by any number of readers while
 * it is still arriving: a clause synthesised ahead of its turn waits here until it is played,
 * and callers asking for a phrase that is being synthesised share the one request.
 */
export class ChunkBuffer {
  private readonly chunks: Uint8Array[] = [];
  private ended = false;
  private failure: { error: unknown } | null = null;
  private waiters: (() => void)[] = [];
  /** Settles when the source has ended (resolves) or failed (rejects). */
  readonly complete: Promise<void>;

  /** Starts pulling `source` at once; `onFirstChunk` notes when its first audio arrived. */
  constructor(source: AsyncIterable<Uint8Array>, onFirstChunk?: () => void) {
    this.complete = this.pump(source, onFirstChunk);
    this.complete.catch(() => undefined); // readers see the failure; nobody has to await this
  }

  private async pump(source: AsyncIterable<Uint8Array>, onFirstChunk?: () => void): Promise<void> {
    try {
      for await (const chunk of source) {
        if (!this.chunks.length) onFirstChunk?.();
        this.chunks.push(chunk);
        this.wake();
      }
      this.ended = true;
    } catch (error) {
      this.failure = { error };
      throw error;
    } finally {
      this.wake();
    }
  }

  /** Every chunk from the first, as it arrives; stops early (without error) when `signal` aborts. */
  async *read(signal?: AbortSignal): AsyncIterable<Uint8Array> {
    for (let next = 0; ; ) {
      if (signal?.aborted) return;
      if (next < this.chunks.length) {
        yield this.chunks[next++]!;
        continue;
      }
      if (this.failure) throw this.failure.error;
      if (this.ended) return;
      await this.arrival(signal);
    }
  }

  /** All the audio, once the source has ended. */
  bytes(): Uint8Array {
    const all = new Uint8Array(this.chunks.reduce((sum, chunk) => sum + chunk.length, 0));
    let offset = 0;
    for (const chunk of this.chunks) {
      all.set(chunk, offset);
      offset += chunk.length;
    }
    return all;
  }

  private arrival(signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        signal?.removeEventListener("abort", done);
        resolve();
      };
      this.waiters.push(done);
      signal?.addEventListener("abort", done);
    });
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const waiter of waiters) waiter();
  }
}
