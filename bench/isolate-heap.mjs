// The Worker isolate's V8 heap, read through workerd's DevTools inspector (serve --inspector-port). Process RSS
// also counts the local D1's SQLite page cache, which lives in the same workerd process;
// the isolate heap is what a Worker's 128 MB memory limit applies to.

/** Connects to the inspector on `port`. */
export async function inspectIsolate(port) {
  // workerd names each isolate's target core:user:<worker name>.
  const socket = new WebSocket(`ws://127.0.0.1:${port}/core:user:homeline`);
  await new Promise((resolve, reject) => {
    socket.addEventListener("open", resolve, { once: true });
    socket.addEventListener("error", () => reject(new Error(`Cannot open the Worker inspector on port ${port}.`)), { once: true });
  });
  const waiting = new Map();
  let nextId = 1;
  socket.addEventListener("message", (event) => {
    const message = JSON.parse(String(event.data));
    waiting.get(message.id)?.(message);
    waiting.delete(message.id);
  });
  const call = (method) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, resolve);
      socket.send(JSON.stringify({ id, method }));
      setTimeout(() => reject(new Error(`The Worker inspector did not answer ${method} within 5 s.`)), 5000).unref();
    });
  return {
    /** Bytes in use on the heap, garbage included: it swings with the collector's rhythm. */
    usedBytes: async () => (await call("Runtime.getHeapUsage")).result.usedSize,
    close: () => socket.close(),
  };
}
