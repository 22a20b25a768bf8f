import { queryOptions } from "@tanstack/react-query";
import { TRIAGE_QUERY_MIN } from "../../../shared/triage.ts";
import { fetchTriage, type TriageQuery } from "./api.ts";

export const triageKeys = {
  all: ["triage"] as const,
  ofSubscription: (sub: string) => [...triageKeys.all, sub] as const,
  view: (sub: string, query: TriageQuery) => [...triageKeys.ofSubscription(sub), query.notReady, query.q ?? ""] as const,
};

/** Whether the proxy would answer `query` (a search shorter than its minimum is refused). */
export function askable(query: TriageQuery): boolean {
  return query.notReady || (query.q?.trim().length ?? 0) >= TRIAGE_QUERY_MIN;
}

/**
 * The triage view of a subscription. It polls at the slow interval whatever it shows: each refresh
 * reads every target of the subscription (shared with other viewers through the proxy's cache), and
 * a large fleet always has some instance on its way back, which would otherwise keep it fast.
 */
export function triageQueryOptions(sub: string, query: TriageQuery, poll: { slowMs: number; paused: boolean }) {
  return queryOptions({
    queryKey: triageKeys.view(sub, query),
    queryFn: ({ signal }) => fetchTriage(sub, query, signal),
    enabled: askable(query),
    refetchInterval: poll.paused ? false : poll.slowMs,
    refetchIntervalInBackground: false,
    refetchOnWindowFocus: !poll.paused,
  });
}
