import { useQuery, useQueryClient } from "@tanstack/react-query";
import { getRouteApi, Link, useNavigate } from "@tanstack/react-router";
import { useCallback, useEffect, useId, useMemo, useRef } from "react";
import type { Operation } from "../../shared/domain.ts";
import { slots } from "../../shared/names.ts";
import { ProductionTag, Badge } from "../components/ui/badge.tsx";
import { DeploymentStatus } from "../components/ui/deployment-status.tsx";
import { Panel } from "../components/ui/panel.tsx";
import { InstanceHistory } from "../features/audit/components/InstanceHistory.tsx";
import { auditKeys, instanceAuditQueryOptions } from "../features/audit/queries.ts";
import { configQueryOptions, meQueryOptions } from "../features/config/queries.ts";
import { activityByInstance, busyReason } from "../features/deployment/activity.ts";
import { Filters } from "../features/deployment/components/Filters.tsx";
import { InstanceDetail } from "../features/deployment/components/InstanceDetail.tsx";
import { InstanceTable } from "../features/deployment/components/InstanceTable.tsx";
import { RoleSummary } from "../features/deployment/components/RoleSummary.tsx";
import { RowActionsContext } from "../features/deployment/components/row-actions.tsx";
import { deploymentKeys, deploymentQueryOptions, isActive } from "../features/deployment/queries.ts";
import { useStableItems } from "../features/deployment/stable-order.ts";
import { roleCounts, type ViewFilter } from "../features/deployment/view.ts";
import { ActionButtons } from "../features/operations/components/ActionButtons.tsx";
import { ConfirmDialog } from "../features/operations/components/ConfirmDialog.tsx";
import { OperationsTray } from "../features/operations/components/OperationsTray.tsx";
import { operationQueryOptions, operationsQueryOptions } from "../features/operations/queries.ts";
import { useOperationNotices } from "../features/operations/use-operation-notices.ts";
import { servicesQueryOptions } from "../features/services/queries.ts";
import { ShareButtons } from "../features/share/components/ShareButtons.tsx";
import { deploymentSummary } from "../features/share/summary.ts";
import { explainError } from "../lib/errors.ts";
import { formatTime } from "../lib/format.ts";
import { StaleBanner } from "./freshness.tsx";
import { useLive, usePoll } from "./live.tsx";
import type { DeploymentSearch } from "./search.ts";
import { useActionFlow } from "./use-action-flow.ts";
import { useConfirmData } from "./use-confirm-data.ts";
import { useHeld } from "./use-held.ts";

const route = getRouteApi("/s/$sub/services/$service/$slot");

/** Shown on every action a reader sees: disabled with the reason, never offered and then refused. */
const readerReason = "Your role is Reader; only Operators can reimage, reboot or rebuild.";
const pausedReason = "Live updates are paused; resume them to act.";

export function DeploymentPage() {
  const { sub, service, slot } = route.useParams();
  const search = route.useSearch();
  const navigate = useNavigate({ from: "/s/$sub/services/$service/$slot" });
  const poll = usePoll();
  const { setHeld } = useLive();
  const queryClient = useQueryClient();
  const reasonId = useId();

  const config = useQuery(configQueryOptions()).data;
  const me = useQuery(meQueryOptions());
  const services = useQuery(servicesQueryOptions(sub));
  const q = useQuery(deploymentQueryOptions(sub, service, slot, poll));
  const ops = useQuery(operationsQueryOptions(sub, poll));
  const opened = useQuery({ ...operationQueryOptions(sub, search.op ?? "", poll), enabled: !!search.op && !ops.data?.some((o) => o.id === search.op) });
  const flow = useActionFlow(sub, service, slot);

  // Under an open dialog the table keeps what it showed when the dialog opened; the header says so.
  const dialogOpen = flow.pending !== null;
  const deployment = useHeld(q.data, dialogOpen);
  useEffect(() => {
    setHeld(dialogOpen);
    return () => setHeld(false);
  }, [dialogOpen, setHeld]);
  const confirmData = useConfirmData(q, deployment, flow.pending);
  const instances = useMemo(() => deployment?.instances ?? [], [deployment]);
  const roleOrder = useMemo(() => deployment?.roles.map((r) => r.name) ?? [], [deployment]);
  const filter: ViewFilter = useMemo(() => ({ role: search.role, tone: search.tone, q: search.q, sort: search.sort }), [search.role, search.tone, search.q, search.sort]);
  const { items, holdHandlers } = useStableItems(instances, roleOrder, filter);
  const shownCount = useMemo(() => items.filter((it) => it.kind === "instance" && !it.unmatched).length, [items]);
  const filtering = !!(search.role || search.tone || search.q);
  const counts = useMemo(() => roleCounts(instances, roleOrder), [instances, roleOrder]);
  const inFlight = useMemo(() => deployment?.inFlight ?? [], [deployment]);
  const activity = useMemo(() => activityByInstance(inFlight), [inFlight]);
  const selected = search.instance ? instances.find((i) => i.name === search.instance) : undefined;

  const permission = me.isError ? `Could not check your permissions: ${explainError(me.error)}` : me.data && !me.data.roles.includes("operator") ? readerReason : null;
  // Acting on data that may be out of date is how the wrong instance gets reimaged: stale or paused
  // data turns actions off, with the reason, until it is current again.
  const staleReason = q.isError && q.data ? `Data is stale since ${formatTime(q.dataUpdatedAt)}; actions are off until it refreshes.` : null;
  const disabledReason = permission ?? (poll.paused ? pausedReason : null) ?? staleReason ?? busyReason(inFlight) ?? (me.data ? null : "Checking your permissions…");

  const audit = useQuery({
    ...instanceAuditQueryOptions({ service, slot, instance: search.instance ?? "", limit: 10 }, poll.paused ? false : isActive(q.data) ? poll.fastMs : poll.slowMs),
    enabled: !!search.instance,
  });

  const onFinished = useCallback(
    (_op: Operation) => {
      void queryClient.invalidateQueries({ queryKey: deploymentKeys.ofService(sub, service) });
      void queryClient.invalidateQueries({ queryKey: auditKeys.all });
    },
    [queryClient, sub, service],
  );
  useOperationNotices(ops.data, onFinished);

  const setSearch = useCallback((patch: Partial<DeploymentSearch>) => void navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true }), [navigate]);
  // A row opened from the keyboard moves focus to the details, where its actions are; a pointer
  // user keeps their place in the table.
  const focusDetail = useRef(false);
  const onSelect = useCallback(
    (name: string, byKeyboard: boolean) => {
      focusDetail.current = byKeyboard;
      void navigate({ search: (prev) => ({ ...prev, instance: prev.instance === name ? undefined : name }) });
    },
    [navigate],
  );
  useEffect(() => {
    if (!focusDetail.current) return;
    focusDetail.current = false;
    // Closing a row by Enter leaves focus where it is.
    if (search.instance) document.getElementById("detail-title")?.focus();
  }, [search.instance]);
  const clearFilters = useCallback(() => setSearch({ role: undefined, tone: undefined, q: undefined }), [setSearch]);
  const onSelectRole = useCallback((role: string) => setSearch({ role }), [setSearch]);
  const rowActions = useMemo(() => ({ disabledReason, reasonId, onAction: flow.open }), [disabledReason, reasonId, flow.open]);

  const subName = config?.subscriptions.find((s) => s.id === sub)?.name ?? sub;
  const existingSlots = services.data?.find((s) => s.name === service)?.deployments.map((d) => d.slot);
  const summary = () =>
    deploymentSummary({ service, slot, mode: config?.mode ?? "emulator", subscriptionName: subName, roles: roleOrder, instances, inFlight, asOf: deployment?.fetchedAt ?? "", url: window.location.href });

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="space-y-1">
          <nav aria-label="Breadcrumb" className="text-sm">
            <Link to="/s/$sub" params={{ sub }} className="text-blue-800 underline dark:text-blue-300">Cloud services</Link> <span aria-hidden="true">›</span> {service}
          </nav>
          <h1 className="flex flex-wrap items-center gap-2 text-xl font-semibold">
            {service} {slot === "production" ? <ProductionTag /> : <Badge tone="info">Staging</Badge>}
            {deployment ? <DeploymentStatus status={deployment.status} /> : null}
          </h1>
          <nav aria-label="Slots" className="flex gap-1">
            {slots.map((s) => {
              const exists = !existingSlots || existingSlots.includes(s);
              return (
                <Link
                  key={s}
                  to="/s/$sub/services/$service/$slot"
                  params={{ sub, service, slot: s }}
                  aria-current={s === slot ? "page" : undefined}
                  className={`rounded-t-md border-b-2 px-3 py-1 text-sm font-medium ${s === slot ? (s === "production" ? "border-red-600" : "border-blue-600") : "border-transparent hover:border-slate-400"} ${exists ? "" : "text-slate-600 line-through dark:text-slate-400"}`}
                >
                  {s === "production" ? "Production" : "Staging"}
                  {exists ? "" : " (none)"}
                </Link>
              );
            })}
          </nav>
        </div>
        <ShareButtons summary={summary} />
      </div>

      <StaleBanner state={{ updatedAt: q.dataUpdatedAt, failed: q.isError, error: q.error, paused: poll.paused }} what="instances" />

      {!deployment ? (
        <Panel title="Instances">
          <p className="px-4 py-6 text-sm">{q.isError ? explainError(q.error) : "Loading instances…"}</p>
        </Panel>
      ) : (
        <>
          <RoleSummary counts={counts} activeRole={search.role} onToggle={(r) => setSearch({ role: search.role === r ? undefined : r })} />
          <Filters roles={roleOrder} value={filter} onChange={setSearch} />
          <p id={reasonId} className={disabledReason ? "rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-50" : "sr-only"}>
            {disabledReason ?? "Actions are available."}
          </p>
          <div className="grid gap-4 xl:grid-cols-[1fr_24rem]">
            <Panel title={filtering ? `Instances (${shownCount} of ${instances.length} shown)` : `Instances (${instances.length})`}>
              {filtering && shownCount === 0 ? (
                <p className="flex flex-wrap items-center gap-2 border-b border-slate-200 px-4 py-3 text-sm dark:border-slate-800">
                  No instance matches these filters —
                  <button type="button" className="font-medium text-blue-800 underline dark:text-blue-300" onClick={clearFilters}>Clear filters</button>
                </p>
              ) : null}
              <RowActionsContext.Provider value={rowActions}>
                <InstanceTable items={items} selected={search.instance} activity={activity} onSelect={onSelect} onSelectRole={onSelectRole} holdHandlers={holdHandlers} />
              </RowActionsContext.Provider>
            </Panel>
            {/* Sticky, with the tray first: an operation just started is followed here without
                scrolling, and the detail panel's actions sit right under it. */}
            <div className="space-y-4 self-start xl:sticky xl:top-4">
              <OperationsTray compact operations={ops.data} opened={opened.data} openedId={search.op} error={ops.isError ? explainError(ops.error) : null} onOpen={(id) => setSearch({ op: id })} />
              {search.instance ? (
                <InstanceDetail
                  instance={selected}
                  missing={search.instance}
                  activity={activity.get(search.instance)}
                  onClose={() => setSearch({ instance: undefined })}
                  actions={selected ? <ActionButtons instance={selected.name} disabledReason={disabledReason} reasonId={reasonId} onAction={flow.open} /> : null}
                  history={<InstanceHistory entries={audit.data} loading={audit.isPending} error={audit.isError ? explainError(audit.error) : null} />}
                />
              ) : null}
            </div>
          </div>
        </>
      )}

      {flow.pending && confirmData ? (
        <ConfirmDialog
          action={flow.pending.action}
          instances={confirmData.instances}
          asOf={confirmData.asOf}
          blockedReason={confirmData.blockedReason}
          changes={confirmData.changes}
          targetNames={[flow.pending.instance]}
          service={service}
          slot={slot}
          onCancel={flow.cancel}
          onConfirm={flow.confirm}
        />
      ) : null}
    </div>
  );
}
