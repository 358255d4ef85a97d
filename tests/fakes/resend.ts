import { createServer, type Server } from "node:http";

export interface RecordedEmail {
  authorization: string | undefined;
  idempotencyKey: string | undefined;
  body: { from?: string; to?: string[]; subject?: string; text?: string };
}

/**
 * A contract fake of Resend's POST /emails on loopback: it checks what the real API checks
 * (bearer key, JSON body with from/to/subject/text, Idempotency-Key replay) and answers in its
 * shapes. Recipients starting "fail-500" or "reject-422" trigger the API's error answers.
 */
export function startResendFake(): Promise<{ server: Server; url: string }> {
  const sent: RecordedEmail[] = [];
  const byKey = new Map<string, string>();
  const server = createServer((req, res) => {
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { "Content-Type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (req.method === "GET" && req.url === "/__sent") return reply(200, sent);
    if (req.method !== "POST" || req.url !== "/emails") return reply(404, { name: "not_found", message: "Unknown route" });
    let raw = "";
    req.on("data", (chunk) => (raw += chunk));
    req.on("end", () => {
      if (!req.headers.authorization?.startsWith("Bearer re_")) return reply(401, { name: "missing_api_key", message: "Missing API key" });
      let body: RecordedEmail["body"];
      try {
        body = JSON.parse(raw);
      } catch {
        return reply(400, { name: "invalid_json", message: "Invalid JSON" });
      }
      if (!body.from || !Array.isArray(body.to) || !body.to.length || !body.subject || !body.text)
        return reply(422, { name: "validation_error", message: "Missing required field" });
      const recipient = body.to[0]!;
      if (recipient.startsWith("fail-500")) return reply(500, { name: "internal_server_error", message: "Unexpected error" });
      if (recipient.startsWith("reject-422")) return reply(422, { name: "validation_error", message: "Invalid `to` field" });
      const key = req.headers["idempotency-key"] as string | undefined;
      const known = key ? byKey.get(key) : undefined;
      if (known) return reply(200, { id: known });
      const id = crypto.randomUUID();
      if (key) byKey.set(key, id);
      sent.push({ authorization: req.headers.authorization, idempotencyKey: key, body });
      reply(200, { id });
    });
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve({ server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}` })),
  );
}
