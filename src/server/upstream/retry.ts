import type { Config } from "../config.ts";
import type { Log } from "../backends/types.ts";
import { UpstreamError } from "./errors.ts";

/** Retry-After as seconds or an HTTP date → milliseconds. */
export function retryAfterMs(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function isRetryable(err: UpstreamError): boolean {
  const f = err.failure;
  if (f.kind === "timeout" || f.kind === "unreachable") return true;
  return f.kind === "http" && (f.status >= 500 || f.status === 429);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A read (GET) with retries on 5xx, 429, timeouts and connection failures, honouring Retry-After up
 * to a cap; every upstream's reads go through here (actions never do). A hung upstream must not hold
 * the caller for attempts × timeout: the whole read has a deadline of 1.5 × the timeout, and a
 * timeout is retried at most once. `attempt` sends once within the time it is given and resolves with
 * the reply, or with the UpstreamError that a non-2xx reply means.
 */
export async function retryingRead<R>(
  attempt: (timeoutMs: number) => Promise<R | UpstreamError>,
  upstream: Pick<Config["upstream"], "timeoutMs" | "retries" | "retryBaseMs" | "retryAfterCapMs">,
  log: Log,
  path: string,
): Promise<R> {
  const started = Date.now();
  const deadline = started + upstream.timeoutMs * 1.5;
  let timeouts = 0;
  for (let n = 0; ; n++) {
    let error: UpstreamError;
    try {
      const res = await attempt(Math.max(1, Math.min(upstream.timeoutMs, deadline - Date.now())));
      if (!(res instanceof UpstreamError)) return res;
      error = res;
    } catch (err) {
      if (!(err instanceof UpstreamError)) throw err;
      // Report how long the caller waited in all, not the last (possibly shortened) attempt.
      error = err.failure.kind === "timeout" ? new UpstreamError({ kind: "timeout", timeoutMs: Date.now() - started }) : err;
    }
    if (error.failure.kind === "timeout") timeouts++;
    if (n >= upstream.retries || !isRetryable(error) || timeouts > 1) throw error;
    const asked = error.failure.kind === "http" ? error.failure.retryAfterMs : undefined;
    // A Retry-After longer than we are willing to hold the caller: give up now, and pass it on.
    if (asked !== undefined && asked > upstream.retryAfterCapMs) throw error;
    const backoff = upstream.retryBaseMs * 2 ** n * (0.75 + Math.random() * 0.5);
    const wait = Math.max(asked ?? 0, backoff);
    // Not worth another attempt if it would have under a tenth of the usual time to answer.
    if (Date.now() + wait > deadline - upstream.timeoutMs / 10) throw error;
    log.warn({ path, attempt: n + 1, waitMs: Math.round(wait), reason: error.message }, "retrying upstream GET");
    await sleep(wait);
  }
}
