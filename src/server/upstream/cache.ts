/**
 * Coalescing read cache in front of the upstream. Concurrent identical reads share one upstream
 * call; a success is then served for `ttlMs` to everyone asking with the same key (viewers polling
 * the same deployment). Keys must include the upstream identity (see identityKey) so data fetched
 * with one user's token never reaches another. Failures are shared by concurrent waiters but never
 * cached.
 */
export interface ReadCache {
  get<T>(key: string, load: () => Promise<T>): Promise<{ value: T; fetchedAt: number }>;
  /** Drops cached entries whose key contains `fragment` (e.g. after an action on a deployment). */
  invalidate(fragment: string): void;
  size(): number;
}

interface Entry {
  promise: Promise<{ value: unknown; fetchedAt: number }>;
  /** Set once the load succeeded: the entry is fresh until then. */
  expiresAt?: number;
}

/** `observe`: told of each lookup, "hit" when served or joined without a new upstream call (metrics). */
export function createReadCache(ttlMs: number, now: () => number = Date.now, observe?: (result: "hit" | "miss") => void): ReadCache {
  const entries = new Map<string, Entry>();
  // Expired entries are swept now and then rather than on a timer, so the cache holds no handles.
  let lastSweep = now();
  function sweep() {
    const t = now();
    if (t - lastSweep < 10_000) return;
    lastSweep = t;
    for (const [key, e] of entries) if (e.expiresAt !== undefined && e.expiresAt <= t) entries.delete(key);
  }

  return {
    get<T>(key: string, load: () => Promise<T>) {
      sweep();
      const existing = entries.get(key);
      if (existing && (existing.expiresAt === undefined || existing.expiresAt > now())) {
        observe?.("hit");
        return existing.promise as Promise<{ value: T; fetchedAt: number }>;
      }
      observe?.("miss");
      const entry: Entry = {
        promise: load().then(
          (value) => {
            const fetchedAt = now();
            if (entries.get(key) === entry) {
              if (ttlMs > 0) entry.expiresAt = fetchedAt + ttlMs;
              else entries.delete(key);
            }
            return { value, fetchedAt };
          },
          (err: unknown) => {
            if (entries.get(key) === entry) entries.delete(key);
            throw err;
          },
        ),
      };
      entries.set(key, entry);
      return entry.promise as Promise<{ value: T; fetchedAt: number }>;
    },
    invalidate(fragment) {
      for (const key of entries.keys()) if (key.includes(fragment)) entries.delete(key);
    },
    size: () => entries.size,
  };
}
