/** Re-runs `load` every `ms` while the page is visible; returns the stop function for $effect. */
export function poll(load: () => Promise<void>, ms: number): () => void {
  void load();
  const timer = setInterval(() => {
    if (document.visibilityState === "visible") void load();
  }, ms);
  return () => clearInterval(timer);
}
