import { useQueryClient, type QueryKey, type QueryState } from "@tanstack/react-query";
import { useCallback, useRef, useSyncExternalStore } from "react";

type States = readonly (QueryState | undefined)[];

/**
 * Reads queries' states from the cache without adding observers: the header shows the current
 * page's freshness without starting a second poll timer for the same data. Keys are compared by
 * content, so a caller may build them afresh on each render.
 */
export function useCachedQueryStates(queryKeys: readonly QueryKey[]): States {
  const cache = useQueryClient().getQueryCache();
  const subscribe = useCallback((onChange: () => void) => cache.subscribe(onChange), [cache]);
  const hash = JSON.stringify(queryKeys);
  const last = useRef<States>([]);
  const getSnapshot = useCallback(() => {
    const keys = JSON.parse(hash) as QueryKey[];
    const next = keys.map((queryKey) => cache.find({ queryKey, exact: true })?.state);
    // The same array while every state is the same object: useSyncExternalStore compares by identity.
    if (next.length !== last.current.length || next.some((s, i) => s !== last.current[i])) last.current = next;
    return last.current;
  }, [cache, hash]);
  return useSyncExternalStore(subscribe, getSnapshot);
}
