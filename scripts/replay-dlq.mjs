// npm run replay:dlq: re-drives every parked dead letter onto the events queue, 50 per call,
// until none remain. BASE_URL (default http://localhost:8787) picks the Worker; OPS_TOKEN comes
// from the environment or .dev.vars.
import { readDevVars } from "./lib/dev-vars.mjs";
import { main } from "./lib/toolchain.mjs";

main(async () => {
  const baseUrl = (process.env.BASE_URL || "http://localhost:8787").replace(/\/+$/, "");
  const token = process.env.OPS_TOKEN || readDevVars().OPS_TOKEN;
  if (!token) throw new Error("No OPS_TOKEN: set it in the environment or in .dev.vars.");

  let total = 0;
  for (;;) {
    let response;
    try {
      response = await fetch(`${baseUrl}/api/v1/admin/dead-letters/replay`, {
        method: "POST",
        headers: { Authorization: `Bearer ${token}` },
      });
    } catch (err) {
      throw new Error(`Cannot reach ${baseUrl} (${err.cause?.code ?? err.message}). Is the Worker running?`);
    }
    if (!response.ok) throw new Error(`Replay failed: HTTP ${response.status} ${(await response.text()).slice(0, 300)}`);
    const { replayed, remaining } = await response.json();
    total += replayed;
    console.log(`Replayed ${replayed}; ${remaining} remaining.`);
    if (remaining === 0) break;
    // A batch that moved nothing while some remain would loop forever.
    if (replayed === 0) throw new Error(`${remaining} dead letters remain but none could be replayed.`);
  }
  console.log(`Done: ${total} dead letter${total === 1 ? "" : "s"} replayed.`);
});
