import { useQueryClient, type QueryKey, type QueryState } from "@tanstack/react-query";
import { useCallback, useSyncExternalStore } from "react";

/**
 * Reads a query's state from the cache without adding an observer: the header shows the current
 * page's freshness without starting a second poll timer for the same data.
 */
export function useCachedQueryState(queryKey: QueryKey | null): QueryState | undefined {
  const cache = useQueryClient().getQueryCache();
  const subscribe = useCallback((onChange: () => void) => cache.subscribe(onChange), [cache]);
  const hash = queryKey ? JSON.stringify(queryKey) : null;
  const getSnapshot = useCallback(
    () => (hash ? cache.find({ queryKey: JSON.parse(hash) as QueryKey, exact: true })?.state : undefined),
    [cache, hash],
  );
  return useSyncExternalStore(subscribe, getSnapshot);
}
