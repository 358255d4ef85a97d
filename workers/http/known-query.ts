import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../env";
import { badRequest } from "./problem";

type Paths = Record<string, Record<string, { parameters?: { in: string; name: string }[] } | undefined>>;
interface Operation {
  method: string;
  pattern: RegExp;
  literalSegments: number;
  query: string[];
}

/**
 * Unknown query parameters are a 400 on every documented route, routes that take no query at all
 * included. The names each route accepts are read from the OpenAPI document the routes generate
 * (once per isolate), so this list cannot drift from the zod schemas that parse the values.
 */
export function refuseUnknownQuery(document: () => { paths?: unknown }): MiddlewareHandler<AppEnv> {
  let operations: Operation[] | null = null;
  return async (c, next) => {
    const url = new URL(c.req.url);
    if (url.search.length > 1) {
      operations ??= compile((document().paths ?? {}) as Paths);
      const method = c.req.method === "HEAD" ? "get" : c.req.method.toLowerCase();
      const operation = operations.find((o) => o.method === method && o.pattern.test(url.pathname));
      const unknown = operation ? [...new Set(url.searchParams.keys())].filter((name) => !operation.query.includes(name)) : [];
      if (unknown.length) {
        const takes = operation!.query.length ? `it takes ${operation!.query.join(", ")}` : "it takes none";
        throw badRequest(`Remove the query parameter${unknown.length > 1 ? "s" : ""} ${unknown.join(", ")}: ${takes}.`, {
          errors: unknown.map((name) => ({ field: name, message: "Unknown query parameter." })),
        });
      }
    }
    await next();
  };
}

/** Most literal segments first, so /leads/export.csv wins over /leads/{id}. */
function compile(paths: Paths): Operation[] {
  const operations: Operation[] = [];
  for (const [template, methods] of Object.entries(paths)) {
    const segments = template.split("/");
    const pattern = new RegExp(
      `^${segments.map((s) => (/^\{\w+\}$/.test(s) ? "[^/]+" : s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))).join("/")}/?$`,
    );
    const literalSegments = segments.filter((s) => !s.startsWith("{")).length;
    for (const [method, operation] of Object.entries(methods)) {
      const query = (operation?.parameters ?? []).filter((p) => p.in === "query").map((p) => p.name);
      operations.push({ method, pattern, literalSegments, query });
    }
  }
  return operations.sort((a, b) => b.literalSegments - a.literalSegments);
}
