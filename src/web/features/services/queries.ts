import { queryOptions } from "@tanstack/react-query";
import { fetchServiceList } from "./api.ts";
import type { ListedKind } from "./rows.ts";

export const serviceKeys = {
  all: ["services"] as const,
  ofSubscription: (sub: string) => [...serviceKeys.all, sub] as const,
  list: (sub: string, kind: ListedKind) => [...serviceKeys.ofSubscription(sub), kind] as const,
};

/** One kind's list of the subscription, as start-page rows with their freshness. `intervalMs: false` stops polling (paused by the user). */
export function serviceListQueryOptions(sub: string, kind: ListedKind, intervalMs: number | false = false) {
  return queryOptions({
    queryKey: serviceKeys.list(sub, kind),
    queryFn: ({ signal }) => fetchServiceList(sub, kind, signal),
    refetchInterval: intervalMs,
    refetchOnWindowFocus: intervalMs !== false,
  });
}
