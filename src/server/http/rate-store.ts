import type { StoreCounters } from "../store/types.ts";

/** The plugin passes the route's window as a third argument (its typings leave it out). */
type Incr = (key: string, callback: (error: Error | null, result?: { current: number; ttl: number }) => void, timeWindow?: number) => void;

/**
 * A @fastify/rate-limit store over the Store's counters, so one person's actions count once across
 * every replica (the plugin's own store counts per process). Each route's counters are its own, as
 * with the plugin's store: the key names the route group (the route's `groupId`, else its URL).
 * The window opens at a key's first hit, as the plugin's own store counts.
 */
export function sharedRateStore(counters: StoreCounters) {
  return class SharedRateStore {
    constructor(
      _options?: unknown,
      private readonly scope = "",
    ) {}

    incr: Incr = (key, callback, timeWindow = 60_000) => {
      counters.hit(`rate:${this.scope}:${key}`, timeWindow).then(
        ({ count, resetInMs }) => callback(null, { current: count, ttl: resetInMs }),
        (err: unknown) => callback(err instanceof Error ? err : new Error(String(err))),
      );
    };

    // The plugin hands the route's merged rate-limit settings (its typings say the route's options).
    child(routeOptions: object): SharedRateStore {
      const o = routeOptions as { groupId?: string; routeInfo?: { method?: string | string[]; url?: string } };
      const scope = o.groupId ?? `${String(o.routeInfo?.method ?? "")} ${o.routeInfo?.url ?? ""}`;
      return new SharedRateStore(undefined, scope);
    }
  };
}
