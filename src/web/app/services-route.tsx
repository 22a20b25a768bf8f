import { useQuery, useQueryClient } from "@tanstack/react-query";
import { createRoute, useNavigate } from "@tanstack/react-router";
import { useCallback, useId } from "react";
import type { Operation } from "../../shared/api.ts";
import { Panel } from "../components/ui/panel.tsx";
import { configQueryOptions } from "../features/config/queries.ts";
import { OperationsTray } from "../features/operations/components/OperationsTray.tsx";
import { operationQueryOptions, operationsQueryOptions } from "../features/operations/queries.ts";
import { useOperationNotices } from "../features/operations/use-operation-notices.ts";
import { ServiceList } from "../features/services/components/ServiceList.tsx";
import { serviceKeys, servicesQueryOptions } from "../features/services/queries.ts";
import { explainError } from "../lib/errors.ts";
import { StaleBanner } from "./freshness.tsx";
import { usePoll } from "./live.tsx";
import { rootRoute } from "./root.tsx";
import { servicesSearchSchema } from "./search.ts";

export const servicesRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/s/$sub",
  validateSearch: (s) => servicesSearchSchema.parse(s),
  component: ServicesPage,
});

function ServicesPage() {
  const { sub } = servicesRoute.useParams();
  const search = servicesRoute.useSearch();
  const navigate = useNavigate({ from: servicesRoute.fullPath });
  const poll = usePoll();
  const queryClient = useQueryClient();
  const searchId = useId();
  const config = useQuery(configQueryOptions()).data;
  const ops = useQuery(operationsQueryOptions(sub, poll));
  // Same rule as the deployment page: fast while something runs, so its end shows promptly.
  const running = !!ops.data?.some((o) => o.status === "InProgress");
  const services = useQuery(servicesQueryOptions(sub, poll.paused ? false : running ? poll.fastMs : poll.slowMs));
  const opened = useQuery({ ...operationQueryOptions(sub, search.op ?? "", poll), enabled: !!search.op && !ops.data?.some((o) => o.id === search.op) });

  const onFinished = useCallback((_op: Operation) => void queryClient.invalidateQueries({ queryKey: serviceKeys.list(sub) }), [queryClient, sub]);
  useOperationNotices(ops.data, onFinished);

  const subName = config?.subscriptions.find((s) => s.id === sub)?.name ?? sub;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-xl font-semibold">Cloud services</h1>
          <p className="text-sm text-slate-700 dark:text-slate-300">Subscription {subName}</p>
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor={searchId} className="text-xs font-medium">Search cloud services</label>
          <input
            id={searchId}
            type="search"
            className="w-64 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-600 dark:bg-slate-800"
            placeholder="name, label or location"
            value={search.q ?? ""}
            onChange={(e) => void navigate({ search: (prev) => ({ ...prev, q: e.target.value || undefined }), replace: true })}
          />
        </div>
      </div>
      <StaleBanner state={{ updatedAt: services.dataUpdatedAt, failed: services.isError, error: services.error, paused: poll.paused }} what="the service list" />
      <div className="grid gap-4 lg:grid-cols-[1fr_24rem]">
        <Panel title={`Cloud services${services.data ? ` (${services.data.length})` : ""}`}>
          {services.data ? (
            <ServiceList sub={sub} services={services.data} q={search.q ?? ""} />
          ) : services.isError ? (
            <p className="px-4 py-6 text-sm text-red-800 dark:text-red-200">{explainError(services.error)}</p>
          ) : (
            <p className="px-4 py-6 text-sm">Loading cloud services…</p>
          )}
        </Panel>
        <OperationsTray
          operations={ops.data}
          opened={opened.data}
          openedId={search.op}
          error={ops.isError ? explainError(ops.error) : null}
          onOpen={(id) => void navigate({ search: (prev) => ({ ...prev, op: id }) })}
        />
      </div>
    </div>
  );
}
