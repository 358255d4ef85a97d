import type { ServerResponse } from "node:http";
import { listen, reply } from "./http.ts";

/** One scripted answer: message content blocks (text / tool_use) and a stop reason, or an API error. */
/** How slowly a workspace's answers come: before the first event (a model's first token) and between text pieces. */
export interface ScriptedLatency {
  firstTokenMs?: number;
  deltaMs?: number;
}

export type ScriptedReply = (
  | {
      content: ({ type: "text"; text: string } | { type: "tool_use"; id: string; name: string; input: Record<string, unknown> })[];
      stop_reason: "end_turn" | "tool_use";
    }
  | { error: number }
) & {
  /** A standing answer: used (and kept) whenever the customer's last words contain this text ("" matches anything). */
  when?: string;
};

/** The text of the request's last user message (a string, or its text blocks). */
function lastUserText(messages: { role: string; content?: unknown }[]): string {
  const content = [...messages].reverse().find((m) => m.role === "user")?.content;
  if (typeof content === "string") return content;
  return Array.isArray(content)
    ? content.map((block: { type?: string; text?: string }) => (block.type === "text" ? (block.text ?? "") : "")).join(" ")
    : "";
}

/** A standing answer matching the customer's words, else the next answer in line. */
function nextReply(script: ScriptedReply[] | undefined, userText: string): ScriptedReply | undefined {
  const said = userText.toLowerCase();
  const standing = script?.find((r) => r.when !== undefined && said.includes(r.when.toLowerCase()));
  if (standing) return standing;
  const index = script?.findIndex((r) => r.when === undefined) ?? -1;
  return index < 0 ? undefined : script!.splice(index, 1)[0];
}

/**
 * A contract fake of Anthropic's Messages API (POST /v1/messages) on loopback, for the real SDK:
 * it checks the API key, anthropic-version, model, max_tokens and messages as the API does, and
 * answers from a script keyed by the workspace name in the system prompt (tests run in
 * parallel, each with its own workspace), as JSON or, with stream: true, as the API's
 * server-sent events. POST /__script sets a workspace's script (and optionally its latency:
 * first token, then between text pieces, as a real model streams); GET /__requests?key= shows
 * what arrived. A workspace without a script gets 500s (an outage).
 */
export function startAnthropicFake(port = 0) {
  const scripts = new Map<string, ScriptedReply[]>();
  const requests = new Map<string, unknown[]>();
  const latencies = new Map<string, ScriptedLatency>();
  return listen((req, raw, res) => {
    const url = new URL(req.url ?? "/", "http://fake");
    if (req.method === "POST" && url.pathname === "/__script") {
      const { key, replies, latency } = JSON.parse(raw) as { key: string; replies: ScriptedReply[]; latency?: ScriptedLatency };
      scripts.set(key, [...replies]);
      latencies.set(key, latency ?? {});
      return reply(res, 200, { ok: true });
    }
    if (req.method === "GET" && url.pathname === "/__requests")
      return reply(res, 200, requests.get(url.searchParams.get("key") ?? "") ?? []);
    if (req.method !== "POST" || url.pathname !== "/v1/messages")
      return reply(res, 404, { type: "error", error: { type: "not_found_error", message: "Not found" } });
    // The SDK authenticates with a bearer API key; x-api-key is the API's other accepted form.
    if (!req.headers["x-api-key"] && !/^Bearer sk-ant-/.test(req.headers.authorization ?? ""))
      return reply(res, 401, { type: "error", error: { type: "authentication_error", message: "invalid x-api-key" } });
    if (!req.headers["anthropic-version"])
      return reply(res, 400, { type: "error", error: { type: "invalid_request_error", message: "anthropic-version header is required" } });
    const body = JSON.parse(raw) as {
      model?: string;
      max_tokens?: number;
      system?: string;
      messages?: { role: string }[];
      stream?: boolean;
    };
    if (!body.model || !body.max_tokens || !body.messages?.length || body.messages[0]!.role !== "user")
      return reply(res, 400, {
        type: "error",
        error: { type: "invalid_request_error", message: "model, max_tokens and messages (starting with user) are required" },
      });
    // A forced tool (tool_choice) must be one of the request's tools, as the API requires.
    const { tool_choice: toolChoice, tools } = body as { tool_choice?: { type: string; name?: string }; tools?: { name: string }[] };
    if (toolChoice?.type === "tool" && !tools?.some((tool) => tool.name === toolChoice.name))
      return reply(res, 400, {
        type: "error",
        error: { type: "invalid_request_error", message: "tool_choice names a tool that is not in tools" },
      });
    // The workspace is named in the system prompt: a conversation ("customers of X") or a call review ("calls answered for X").
    // Roof assessments (area scans) are keyed by the property named in their system prompt.
    const key =
      body.system?.match(/(?:customers of|calls answered for) (.+?), a home-services company/)?.[1] ??
      body.system?.match(/the roof of property (\S+) /)?.[1] ??
      "";
    requests.set(key, [...(requests.get(key) ?? []), body]);
    const next = nextReply(scripts.get(key), lastUserText(body.messages as { role: string; content?: unknown }[]));
    if (!next) return reply(res, 500, { type: "error", error: { type: "api_error", message: "Internal server error" } });
    if ("error" in next)
      return reply(res, next.error, {
        type: "error",
        error: { type: next.error === 529 ? "overloaded_error" : "api_error", message: "Scripted failure" },
      });
    const message = {
      id: `msg_${crypto.randomUUID().replace(/-/g, "")}`,
      type: "message",
      role: "assistant",
      model: body.model,
      content: next.content,
      stop_reason: next.stop_reason,
      stop_sequence: null,
      usage: { input_tokens: 50, output_tokens: 20 },
    };
    const latency = latencies.get(key) ?? {};
    if (body.stream) return void streamMessage(res, message, latency);
    setTimeout(() => reply(res, 200, message, { "request-id": `req_${Date.now()}` }), latency.firstTokenMs ?? 0);
  }, port);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The Messages API's SSE stream for `message`: text in small text_delta pieces, tool input as
 * input_json_delta, paced by `latency`. A client that hangs up (an aborted request) stops it.
 */
async function streamMessage(
  res: ServerResponse,
  message: { content: any[]; stop_reason: string } & Record<string, unknown>,
  latency: ScriptedLatency,
): Promise<void> {
  res.writeHead(200, { "Content-Type": "text/event-stream", "Cache-Control": "no-cache" });
  const send = (type: string, data: Record<string, unknown>) => res.write(`event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`);
  if (latency.firstTokenMs) await sleep(latency.firstTokenMs);
  if (res.destroyed) return;
  send("message_start", { message: { ...message, content: [], stop_reason: null, usage: { input_tokens: 50, output_tokens: 1 } } });
  for (const [index, block] of message.content.entries()) {
    if (block.type === "text") {
      send("content_block_start", { index, content_block: { type: "text", text: "" } });
      for (const piece of block.text.match(/.{1,8}/gs) ?? []) {
        if (latency.deltaMs) await sleep(latency.deltaMs);
        if (res.destroyed) return;
        send("content_block_delta", { index, delta: { type: "text_delta", text: piece } });
      }
    } else {
      send("content_block_start", { index, content_block: { type: "tool_use", id: block.id, name: block.name, input: {} } });
      const json = JSON.stringify(block.input);
      for (let i = 0; i < json.length; i += 10)
        send("content_block_delta", { index, delta: { type: "input_json_delta", partial_json: json.slice(i, i + 10) } });
    }
    send("content_block_stop", { index });
  }
  send("message_delta", { delta: { stop_reason: message.stop_reason, stop_sequence: null }, usage: { output_tokens: 20 } });
  send("message_stop", {});
  res.end();
}
