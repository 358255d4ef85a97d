import { call, json } from "./api";

export interface TestSocket {
  socket: WebSocket;
  url: string;
  messages: any[];
  /** The next message (pongs as "pong", the rest parsed), or a "no message" error after `timeoutMs`. */
  next(timeoutMs?: number): Promise<any>;
  /** Resolves with the close code when the server closes the socket. */
  closed: Promise<number>;
}

/** Opens /ws/<channel>[/<id>] the way the web app does: a fresh ticket, then the upgrade. */
export async function openSocket(token: string, channel: "activity" | "wallet" | "calls" | "scans", id?: string): Promise<TestSocket> {
  const { url } = await json(await call("POST", "/api/v1/ws-ticket", { token, body: id ? { channel, id } : { channel } }));
  const response = await call("GET", url, { headers: { Upgrade: "websocket" } });
  const socket = response.webSocket;
  if (!socket) throw new Error(`no socket: ${response.status} ${await response.text()}`);
  const closed = new Promise<number>((resolve) => socket.addEventListener("close", (event) => resolve(event.code)));
  socket.accept();
  const messages: any[] = [];
  const waiters: (() => void)[] = [];
  socket.addEventListener("message", (event) => {
    messages.push(event.data === "pong" ? "pong" : JSON.parse(event.data as string));
    waiters.splice(0).forEach((wake) => wake());
  });
  const next = async (timeoutMs = 1000) => {
    const deadline = Date.now() + timeoutMs;
    while (!messages.length) {
      if (Date.now() > deadline) throw new Error("no message");
      await new Promise<void>((resolve) => {
        waiters.push(resolve);
        setTimeout(resolve, 20);
      });
    }
    return messages.shift();
  };
  return { socket, next, messages, url, closed };
}
