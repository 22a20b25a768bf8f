import { toProxyError, UpstreamError } from "./errors.ts";

/** Why a read was answered from the last good copy: since when the upstream has not answered, and its error. */
export interface Staleness {
  since: string;
  error: { code: string; message: string };
}

export interface Read<T> {
  value: T;
  fetchedAt: number;
  stale?: Staleness;
}

/**
 * Failures a copy may stand in for: the upstream did not answer, or failed on its side. Never a
 * refusal (401/403) or a 404, which are answers, nor throttling: Azure asked callers to wait, and the
 * SPA backs off by the Retry-After passed on with it.
 */
function passing(err: unknown): boolean {
  if (!(err instanceof UpstreamError)) return false;
  const f = err.failure;
  if (f.kind !== "http") return true;
  const throttled = f.status === 429 || (f.status === 503 && f.retryAfterMs !== undefined) || f.code === "TooManyRequests";
  return f.status >= 500 && !throttled;
}

/**
 * The last good answer of each read, by its cache key (so per identity: a copy read with one
 * person's rights never serves another), kept in this process up to `maxAgeMs` old. When the
 * upstream does not answer, the copy is served marked stale instead of an error, so an on-call who
 * opens the page during an upstream hiccup sees something true and dated.
 */
export function createLastGood(maxAgeMs: number, maxEntries = 2000, now: () => number = Date.now) {
  const copies = new Map<string, { value: unknown; fetchedAt: number; failingSince?: number }>();
  return {
    async read<T>(key: string, what: string, load: () => Promise<{ value: T; fetchedAt: number }>): Promise<Read<T>> {
      try {
        const fresh = await load();
        // Re-inserted so the map's order is by last success: the oldest go first when it is full.
        copies.delete(key);
        copies.set(key, { value: fresh.value, fetchedAt: fresh.fetchedAt });
        if (copies.size > maxEntries) copies.delete(copies.keys().next().value as string);
        return fresh;
      } catch (err) {
        const copy = copies.get(key);
        if (!copy || maxAgeMs === 0 || !passing(err)) throw err;
        if (now() - copy.fetchedAt > maxAgeMs) {
          copies.delete(key);
          throw err;
        }
        copy.failingSince ??= now();
        const error = toProxyError(err, what);
        return { value: copy.value as T, fetchedAt: copy.fetchedAt, stale: { since: new Date(copy.failingSince).toISOString(), error: { code: error.code, message: error.message } } };
      }
    },
  };
}

export type LastGood = ReturnType<typeof createLastGood>;
