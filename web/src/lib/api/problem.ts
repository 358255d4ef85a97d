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

/** What to show for any thrown value. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.detail;
  if (err instanceof TypeError) return "Cannot reach Homeline. Check your connection and try again.";
  return err instanceof Error ? err.message : String(err);
}

/**
 * The summary above a form whose inputs show their own errors: the API's detail in the form's
 * words (`labels` by API field name), e.g. "3 fields need attention: Name, Phone, Email.".
 * A field the form has no label for keeps the API's detail, which names it.
 */
export function formProblem(err: unknown, labels: Record<string, string>): string {
  if (!(err instanceof ApiError) || !err.fieldErrors.length) return errorMessage(err);
  const fields = [...new Set(err.fieldErrors.map((e) => e.field.split(".")[0]!))];
  const named = fields.map((field) => labels[field]);
  if (named.some((label) => !label)) return err.detail;
  if (fields.length > 1) return `${fields.length} fields need attention: ${named.join(", ")}.`;
  const [first] = err.fieldErrors as [FieldError];
  // A specific detail (e.g. "“12345” is not a valid phone number…") says more than the field's message.
  const generic = err.fieldErrors.length > 1 || err.detail === `${first.field}: ${first.message}`;
  return generic ? `${named[0]}: ${first.message}` : err.detail;
}
