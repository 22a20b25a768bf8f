import type { Metrics } from "../metrics.ts";
import type { Store } from "./types.ts";

// Every store call timed into the metrics (rolecall_store_duration_seconds), whichever database:
// the one place that knows the calls' names, so no caller has to time its own.

type Part = "audit" | "jobs" | "holds" | "leases" | "counters";
const parts: Part[] = ["audit", "jobs", "holds", "leases", "counters"];

function timed<T extends object>(name: string, part: T, metrics: Metrics): T {
  const wrapped: Record<string, unknown> = {};
  for (const [method, fn] of Object.entries(part)) {
    if (typeof fn !== "function") continue;
    wrapped[method] = async (...args: unknown[]) => {
      const started = performance.now();
      try {
        const result: unknown = await (fn as (...a: unknown[]) => Promise<unknown>).apply(part, args);
        metrics.store(`${name}.${method}`, (performance.now() - started) / 1000, true);
        return result;
      } catch (err) {
        metrics.store(`${name}.${method}`, (performance.now() - started) / 1000, false);
        throw err;
      }
    };
  }
  return wrapped as T;
}

export function instrumentStore(store: Store, metrics: Metrics): Store {
  const out = {
    kind: store.kind,
    ping: () => store.ping(),
    close: () => store.close(),
  } as Store;
  for (const part of parts) Object.assign(out, { [part]: timed(part, store[part], metrics) });
  return out;
}
