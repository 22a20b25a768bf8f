import { UpstreamError } from "./errors.ts";

// Failures that happen before a byte of the request leaves: an action hit by one of these surely
// did not start upstream. Anything else (a reset mid-reply) might have been acted on.
const notSentCodes = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH", "CERT_HAS_EXPIRED", "DEPTH_ZERO_SELF_SIGNED_CERT", "SELF_SIGNED_CERT_IN_CHAIN", "UNABLE_TO_VERIFY_LEAF_SIGNATURE", "ERR_TLS_CERT_ALTNAME_INVALID"]);

/** A failed request (node:http/https error) as an upstream failure; `signal` aborted means our timeout. */
export function classifyNetworkError(err: Error & { code?: string }, signal: AbortSignal, timeoutMs: number): UpstreamError {
  if (signal.aborted) return new UpstreamError({ kind: "timeout", timeoutMs });
  const cause = err.code === "ECONNREFUSED" ? "connection refused" : err.code ? `${err.code}: ${err.message}` : err.message;
  return new UpstreamError({ kind: "unreachable", cause, maybeSent: !notSentCodes.has(err.code ?? "") });
}
