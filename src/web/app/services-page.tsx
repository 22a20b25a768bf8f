import { useQueries, useQuery, useQueryClient, type UseQueryResult } from "@tanstack/react-query";
import { useCallback, useMemo } from "react";
import { configQueryOptions } from "../features/config/queries.ts";
import { operationsQueryOptions } from "../features/operations/queries.ts";
import { useOperationNotices } from "../features/operations/use-operation-notices.ts";
import type { ServiceListData } from "../features/services/api.ts";
import { ServiceFilters } from "../features/services/components/ServiceFilters.tsx";
import { serviceKeys, serviceListQueryOptions } from "../features/services/queries.ts";
import { kindLists, servedListedKinds } from "../features/services/rows.ts";
import { FindInstance } from "../features/triage/components/FindInstance.tsx";
import { href } from "../lib/paths.ts";
import { Link, useParamsOf, useSearchState } from "../lib/router.tsx";
import { StaleBanner, type FreshnessState } from "./freshness.tsx";
import { usePoll } from "./live.tsx";
import { servicesSearchSchema } from "./search.ts";
import { ServicesPanel } from "./services-panel.tsx";
import { SubscriptionTray } from "./subscription-tray.tsx";

// The start page (a subscription's cloud services and its operations), loaded on demand: the
// on-call path, a deep link to a target, never needs it (app/router.tsx).

/**
 * A list's freshness as the banner reads it. The proxy's last good copy is as old as the proxy says,
 * not as old as the poll that brought it, also when a later poll fails outright.
 */
function listFreshness(r: UseQueryResult<ServiceListData>, paused: boolean): FreshnessState {
  const state = { updatedAt: r.dataUpdatedAt, failed: r.isError, error: r.error, paused };
  const copy = r.data?.stale;
  if (!copy) return state;
  const at = Date.parse(r.data?.fetchedAt ?? copy.since);
  return { ...state, updatedAt: at, stale: { at, since: Date.parse(copy.since) } };
}

export function ServicesPage() {
  const { sub } = useParamsOf("start");
  const [search, setSearch] = useSearchState(servicesSearchSchema);
  const poll = usePoll();
  const queryClient = useQueryClient();
  const config = useQuery(configQueryOptions()).data;
  // Only the kinds this Rolecall serves are asked for: an upstream switched off is not an error.
  const kinds = useMemo(() => servedListedKinds(config?.kinds ?? []), [config]);
  const ops = useQuery(operationsQueryOptions(sub, poll));
  // Same rule as a target's page: fast while something runs, so its end shows promptly.
  const running = !!ops.data?.some((o) => o.status === "InProgress");
  const interval = poll.paused ? false : running ? poll.fastMs : poll.slowMs;
  const results = useQueries({ queries: kinds.map((k) => serviceListQueryOptions(sub, k, interval)) });

  const onFinished = useCallback(() => void queryClient.invalidateQueries({ queryKey: serviceKeys.ofSubscription(sub) }), [queryClient, sub]);
  useOperationNotices(ops.data, onFinished);

  const subName = config?.subscriptions.find((s) => s.id === sub)?.name ?? sub;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-xl font-semibold">Cloud services</h1>
          <p className="text-sm text-slate-700 dark:text-slate-300">
            Subscription {subName} ·{" "}
            <Link to={href("audit", { sub })} className="text-blue-800 underline dark:text-blue-300">Audit log</Link>
          </p>
        </div>
        <ServiceFilters q={search.q ?? ""} kind={search.kind} kinds={kinds} onChange={setSearch} />
      </div>
      <FindInstance sub={sub} />
      {kinds.map((k, i) => {
        const r = results[i];
        return r ? <StaleBanner key={k} state={listFreshness(r, poll.paused)} what={`the ${kindLists[k]}`} /> : null;
      })}
      <div className="grid gap-4 lg:grid-cols-[1fr_24rem]">
        <ServicesPanel lists={{ kinds, results }} q={search.q ?? ""} kind={search.kind} />
        <SubscriptionTray sub={sub} openedId={search.op} onOpen={(id) => setSearch({ op: id }, { push: true })} />
      </div>
    </div>
  );
}
