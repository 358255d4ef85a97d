import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";

/** `body` is the request as text; `bytes` the same request as it arrived (audio, images). */
export type Handler = (req: IncomingMessage, body: string, res: ServerResponse, bytes: Buffer) => void;

/** A loopback HTTP server for a contract fake; resolves with its base URL. */
export function listen(handler: Handler, port = 0): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const bytes = Buffer.concat(chunks);
      handler(req, bytes.toString(), res, bytes);
    });
  });
  return new Promise((resolve) =>
    server.listen(port, "127.0.0.1", () => resolve({ server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}` })),
  );
}

export function reply(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "Content-Type": "application/json", ...headers });
  res.end(typeof body === "string" ? body : JSON.stringify(body));
}
