/** `work`, or a rejection with the signal's reason as soon as `signal` aborts (the work itself is left to finish). */
export function abortable<T>(work: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return work;
  if (signal.aborted) return Promise.reject(signal.reason);
  let stop: () => void = () => undefined;
  const aborted = new Promise<never>((_, reject) => {
    stop = () => reject(signal.reason);
    signal.addEventListener("abort", stop);
  });
  return Promise.race([work, aborted]).finally(() => signal.removeEventListener("abort", stop));
}
