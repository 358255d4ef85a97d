import { Hono } from "hono";
import { html, raw } from "hono/html";
import type { AppEnv } from "../env";

interface Operation {
  summary?: string;
  tags?: string[];
  parameters?: { name: string; in: string; required?: boolean; schema?: unknown; description?: string }[];
  requestBody?: { content: Record<string, { schema?: unknown }> };
  responses?: Record<string, { description?: string }>;
}

type Document = { info: { title: string; version: string }; paths: Record<string, Record<string, Operation>> };

/** A self-contained reference page rendered from the OpenAPI document: no CDN, no script. */
export function docsRoutes(getDocument: () => object) {
  return new Hono<AppEnv>().get("/", (c) => {
    const doc = getDocument() as Document;
    const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ path, method, op })),
    );
    const tags = [...new Set(operations.map((o) => o.op.tags?.[0] ?? "other"))];
    c.header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'");
    return c.html(html`<!doctype html>
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>${doc.info.title} — API reference</title>
          <style>
            body { font: 15px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 960px; padding: 24px; color: #1f2937; }
            h2 { margin-top: 40px; text-transform: capitalize; border-bottom: 1px solid #e5e7eb; }
            details { border: 1px solid #e5e7eb; border-radius: 8px; margin: 8px 0; padding: 8px 12px; }
            summary { cursor: pointer; }
            code.m { display: inline-block; width: 64px; font-weight: 700; text-transform: uppercase; }
            pre { background: #f3f4f6; padding: 8px; overflow: auto; font-size: 12px; border-radius: 6px; }
          </style>
        </head>
        <body>
          <h1>${doc.info.title} <small>v${doc.info.version}</small></h1>
          <p>Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a>. Authenticate with <code>Authorization: Bearer &lt;accessToken&gt;</code>. Errors are <code>application/problem+json</code>.</p>
          ${tags.map(
            (tag) => html`<h2>${tag}</h2>
              ${operations
                .filter((o) => (o.op.tags?.[0] ?? "other") === tag)
                .map(
                  ({ path, method, op }) => html`<details>
                    <summary><code class="m">${method}</code> <code>${path}</code> — ${op.summary ?? ""}</summary>
                    ${op.parameters?.length ? html`<h4>Parameters</h4><pre>${raw(escapeHtml(JSON.stringify(op.parameters, null, 2)))}</pre>` : ""}
                    ${op.requestBody ? html`<h4>Body</h4><pre>${raw(escapeHtml(JSON.stringify(op.requestBody.content, null, 2)))}</pre>` : ""}
                    <h4>Responses</h4>
                    <ul>${Object.entries(op.responses ?? {}).map(([code, r]) => html`<li><b>${code}</b> ${r.description ?? ""}</li>`)}</ul>
                  </details>`,
                )}`,
          )}
        </body>
      </html>`);
  });
}

const escapeHtml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
