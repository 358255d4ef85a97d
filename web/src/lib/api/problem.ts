/** RFC 9457 problem details as the API sends them, raised as an Error the UI can show. */

export interface FieldError {
  field: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly fieldErrors: FieldError[] = [],
    readonly body: Record<string, unknown> = {},
    readonly retryAfter: number | null = null,
  ) {
    super(detail || title);
    this.name = "ApiError";
  }

  /** The message for `field` (or one of its items, e.g. `tags.0`), if the API reported one. */
  fieldError(field: string): string | undefined {
    return this.fieldErrors.find((e) => e.field === field || e.field.startsWith(`${field}.`))?.message;
  }
}

export async function toApiError(response: Response): Promise<ApiError> {
  let body: Record<string, unknown> = {};
  try {
    body = (await response.json()) as Record<string, unknown>;
  } catch {
    // Not JSON (a proxy or network page): fall back to the status text.
  }
  const title = typeof body.title === "string" ? body.title : response.statusText || "Error";
  const detail = typeof body.detail === "string" ? body.detail : `The server answered ${response.status} ${title}.`;
  const fieldErrors = Array.isArray(body.errors) ? (body.errors as FieldError[]).filter((e) => typeof e?.field === "string") : [];
  const retryAfter = Number(response.headers.get("Retry-After")) || null;
  return new ApiError(response.status, title, detail, fieldErrors, body, retryAfter);
}
