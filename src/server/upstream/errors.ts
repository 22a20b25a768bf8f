import { ProxyError } from "../errors.ts";

/** What went wrong talking to the upstream, before it is turned into an API error. */
export type UpstreamFailure =
  | { kind: "http"; status: number; code?: string; message?: string; requestId?: string; retryAfterMs?: number }
  | { kind: "timeout"; timeoutMs: number }
  | { kind: "unreachable"; cause: string; maybeSent: boolean }
  /** `accepted`: Azure took the action (a 2xx), but what it said cannot be used to follow it. */
  | { kind: "malformed"; detail: string; status?: number; requestId?: string; accepted?: boolean };

export class UpstreamError extends Error {
  override name = "UpstreamError";
  constructor(readonly failure: UpstreamFailure) {
    super(describe(failure));
  }
}

function describe(f: UpstreamFailure): string {
  switch (f.kind) {
    case "http":
      return `upstream answered ${f.status}${f.code ? ` ${f.code}` : ""}${f.message ? `: ${f.message}` : ""}`;
    case "timeout":
      return `upstream did not answer within ${f.timeoutMs} ms`;
    case "unreachable":
      return `upstream unreachable: ${f.cause}`;
    case "malformed":
      return `upstream reply malformed: ${f.detail}`;
  }
}

/** The 32-hex request id the Service Management API puts in its 409 message, if any. */
export function blockingRequestId(message: string | undefined): string | undefined {
  return message?.match(/\b([0-9a-f]{32})\b/i)?.[1]?.toLowerCase();
}

/**
 * Upstream failure → API error with a message a person can act on. `what` names what was being
 * read or done ("read deployment contoso-web/production"), `isAction` marks POSTs, whose outcome may
 * be unknown after a timeout.
 */
export function toProxyError(err: unknown, what: string, isAction = false): ProxyError {
  if (err instanceof ProxyError) return err;
  if (!(err instanceof UpstreamError)) {
    // Internal text (a SQLite message, a stack) means nothing to the person and may say too much:
    // they get a plain sentence, the log gets the cause (the app's error handler logs `cause`).
    const error = new ProxyError("InternalError", `Rolecall hit an internal error while trying to ${what}. The log has the details.`);
    error.cause = err;
    return error;
  }
  const f = err.failure;
  switch (f.kind) {
    case "timeout":
      return new ProxyError(
        "UpstreamTimeout",
        isAction
          ? `Azure did not answer within ${Math.round(f.timeoutMs / 100) / 10} s, so the ${what} may or may not have started.`
          : `Azure did not answer within ${Math.round(f.timeoutMs / 100) / 10} s while Rolecall tried to ${what}.`,
      );
    case "unreachable":
      // Once the request may have left, Azure may have acted: that is not "could not reach".
      return f.maybeSent
        ? new ProxyError("UpstreamConnectionLost", `The connection broke while Rolecall tried to ${what} (${f.cause}).`)
        : new ProxyError("UpstreamUnreachable", `Rolecall could not reach the upstream to ${what} (${f.cause}).`);
    case "malformed":
      return new ProxyError("UpstreamMalformed", `The reply came while Rolecall tried to ${what} (${f.detail}).`, { upstreamStatus: f.status, requestId: f.requestId });
    case "http":
      return httpToApiError(f, what);
  }
}

function httpToApiError(f: Extract<UpstreamFailure, { kind: "http" }>, what: string): ProxyError {
  const upstream = { upstreamStatus: f.status, upstreamCode: f.code, requestId: f.requestId };
  const said = f.message ? ` Azure said: ${f.message}` : "";
  if (f.status === 409) {
    const blocking = blockingRequestId(f.message);
    // Ends with the catalog's next step word for word: HTTP clients other than the SPA read only this.
    return new ProxyError(
      "UpstreamConflict",
      `Azure is busy with another operation on this target${blocking ? ` (request ${blocking})` : ""}.${said} Wait for it to finish, then try again.`,
      { ...upstream, requestId: blocking ?? f.requestId },
    );
  }
  if (f.status === 404) {
    return new ProxyError("NotFound", `Azure could not find what Rolecall asked for while trying to ${what}.${said}`, upstream);
  }
  if (f.status === 401 || f.status === 403) {
    return new ProxyError("UpstreamForbidden", `Azure refused to let Rolecall ${what}.${said}`, upstream);
  }
  // Upstream throttling is answered 503 (not passed through as 429): Rolecall's own 429 means "you
  // sent too many actions" (TooManyActions), and HTTP clients other than the SPA read statuses.
  // Retry-After is passed on either way.
  if (f.status === 429 || (f.status === 503 && f.retryAfterMs !== undefined) || f.code === "TooManyRequests") {
    const seconds = Math.max(1, Math.ceil((f.retryAfterMs ?? 30_000) / 1000));
    return new ProxyError("UpstreamThrottled", `Azure asked Rolecall to wait ${seconds} s before it may ${what}.`, upstream, { "retry-after": String(seconds) });
  }
  if (f.status >= 500) {
    return new ProxyError("UpstreamError", `Azure failed while Rolecall tried to ${what} (${f.status}${f.code ? ` ${f.code}` : ""}).${said}`, upstream);
  }
  return new ProxyError("UpstreamRejected", `Azure rejected Rolecall's request to ${what} (${f.status}${f.code ? ` ${f.code}` : ""}).${said}`, upstream);
}
