import type { ApiErrorBody } from "../shared/api.ts";
import { errorCatalog, type ErrorCode } from "../shared/error-codes.ts";

type Details = Omit<ApiErrorBody["error"], "code" | "message">;

/**
 * An error the proxy answers with its envelope `{ error: { code, message, … } }` (DESIGN.md §3); the
 * HTTP status comes from the shared error-code catalog. Thrown anywhere below a route; the app's
 * error handler turns it into the reply.
 */
export class ProxyError extends Error {
  override name = "ProxyError";
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    /** The specifics (which name, who holds the target); the SPA adds the catalog's wording. */
    message: string,
    readonly details: Details = {},
    /** Extra reply headers, e.g. Retry-After when upstream throttles. */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.status = errorCatalog[code].status;
  }

  toBody(): ApiErrorBody {
    return { error: { code: this.code, message: this.message, ...this.details } };
  }
}
