import type { Hook } from "@hono/zod-openapi";
import type { ZodError } from "zod";
import { Problem } from "./problem";

/** zod failures become a 400 problem listing each field and what is wrong with it. */
export const validationHook: Hook<unknown, any, any, any> = (result) => {
  if (!result.success) throw invalid(result.error, result.target);
};

export function invalid(error: ZodError, target: string): Problem {
  const errors = error.issues.map((issue) => ({
    field: issue.path.join(".") || (issue.code === "unrecognized_keys" ? issue.keys.join(",") : target),
    message: issue.code === "unrecognized_keys" ? `Unknown field${issue.keys.length > 1 ? "s" : ""}: ${issue.keys.join(", ")}.` : issue.message,
  }));
  const first = errors[0];
  const where = target === "json" ? "body" : target;
  return new Problem(400, "Bad Request", `Invalid ${where}: ${first ? `${first.field}: ${first.message}` : "check the input"}`, { errors });
}
