import type { ApiErrorBody } from "../shared/domain.ts";

type Details = Omit<ApiErrorBody["error"], "code" | "message">;

/**
 * An error the API answers with its envelope `{ error: { code, message, … } }` (DESIGN.md §3).
 * Thrown anywhere below a route; the app's error handler turns it into the reply.
 */
export class ApiError extends Error {
  override name = "ApiError";
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Details = {},
    /** Extra reply headers, e.g. Retry-After when upstream throttles. */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  toBody(): ApiErrorBody {
    return { error: { code: this.code, message: this.message, ...this.details } };
  }
}
