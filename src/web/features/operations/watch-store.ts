import { useSyncExternalStore } from "react";
import type { Deployment, Operation } from "../../../shared/api.ts";
import { observe, type Watch } from "./watch.ts";

// The records of what operations did to their instances (watch.ts), for the whole session: going to
// another target and back keeps what was seen. Only a target's own page feeds its records.

let watches: ReadonlyMap<string, Watch> = new Map();
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

function unchanged(a: ReadonlyMap<string, Watch>, b: ReadonlyMap<string, Watch>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of b) if (a.get(k) !== v) return false;
  return true;
}

/** One poll of `target`; returns the records before and after it (after === before when nothing moved). */
export function feedWatches(target: string, d: Deployment, ops: readonly Operation[] | undefined): { before: ReadonlyMap<string, Watch>; after: ReadonlyMap<string, Watch> } {
  const before = watches;
  const next = observe(before, target, d, ops);
  if (unchanged(before, next)) return { before, after: before };
  watches = next;
  for (const listener of listeners) listener();
  return { before, after: next };
}

export function useWatches(): ReadonlyMap<string, Watch> {
  return useSyncExternalStore(subscribe, () => watches);
}

/** For tests: forget every record. */
export function resetWatches(): void {
  watches = new Map();
}
