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
    message:
      issue.code === "unrecognized_keys" ? `Unknown field${issue.keys.length > 1 ? "s" : ""}: ${issue.keys.join(", ")}.` : issue.message,
  }));
  const fields = [...new Set(errors.map((e) => e.field))];
  const detail =
    errors.length === 1
      ? `${errors[0]!.field}: ${errors[0]!.message}`
      : `${fields.length} field${fields.length > 1 ? "s" : ""} need attention: ${fields.join(", ")}.`;
  return new Problem(400, "Bad Request", detail, { errors });
}
