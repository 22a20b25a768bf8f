import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useId, useMemo, type ReactNode } from "react";
import { targetPath } from "../../shared/targets.ts";
import { Panel } from "../components/ui/panel.tsx";
import { auditKeys } from "../features/audit/queries.ts";
import { Filters } from "../features/deployment/components/Filters.tsx";
import { RoleSummary } from "../features/deployment/components/RoleSummary.tsx";
import { RowOutcomeContext } from "../features/deployment/components/row-outcome.tsx";
import { deploymentKeys, deploymentQueryOptions, isActive } from "../features/deployment/queries.ts";
import { RowSelectionContext } from "../features/deployment/components/row-select.tsx";
import { upgradeDomains } from "../features/deployment/selection.ts";
import { jobBusyReason, jobStepByInstance } from "../features/jobs/progress.ts";
import { actionCopy, frictionOrder } from "../features/operations/copy.ts";
import { operationsQueryOptions } from "../features/operations/queries.ts";
import { useOperationNotices } from "../features/operations/use-operation-notices.ts";
import { explainError } from "../lib/errors.ts";
import { targetHeading, type PageTarget } from "../lib/targets.ts";
import { ActionsNotice, InstancesPanel } from "./deployment-instances.tsx";
import { preloadDialogsOnIntent } from "./dialogs.tsx";
import { StaleBanner } from "./freshness.tsx";
import { KeyboardShortcuts } from "./keyboard-shortcuts.tsx";
import { lazyPart } from "./lazy-part.tsx";
import { usePoll } from "./live.tsx";
import { TargetDialogs } from "./target-dialogs.tsx";
import { TargetHeader } from "./target-header.tsx";
import { SelectionBar } from "./selection-bar.tsx";
import { SubscriptionTray } from "./subscription-tray.tsx";
import { JobSection, useJobControlReason, useTargetJob } from "./target-job.tsx";
import { useActionFlow } from "./use-action-flow.ts";
import { useConfirmData } from "./use-confirm-data.ts";
import { useDisabledReason } from "./use-disabled-reason.ts";
import { useHeld, useHeldUnderDialog } from "./use-held.ts";
import { useInstanceSelection } from "./use-instance-selection.ts";
import { useInstanceView } from "./use-instance-view.ts";
import { useJobFlow } from "./use-job-flow.ts";
import { useJobNotices } from "./use-job-notices.ts";
import { useJobSelection } from "./use-job-selection.ts";
import { useOperationWatch, useTrayFollow } from "./use-operation-watch.ts";
import { useTargetSearch } from "./use-target-search.ts";
import { useTargetSummary } from "./use-target-summary.ts";

/** An instance's details (instance-panel.tsx), loaded when one is opened. */
const InstancePanel = lazyPart(() => import("./instance-panel.tsx").then((m) => m.InstancePanel), "instance's details");

function preloadOnIntent(): void {
  preloadDialogsOnIntent();
  InstancePanel.preload();
}

/** The row's action menu, from what loses least to what loses most. */
const rowMenu = frictionOrder.map((a) => ({ action: a, label: `${actionCopy[a].verb}…`, hint: actionCopy[a].effect, danger: actionCopy[a].risk === "high" }));

/**
 * One target's page, whatever its kind (a classic deployment, an extended cloud service): its roles
 * and instances under the URL's filters, an instance's details and history, the actions with their
 * confirmation, and the subscription's operations. The route names the target; nothing here asks
 * which kind it is.
 */
export function TargetPage({ target, nav }: { target: PageTarget; nav?: ReactNode }) {
  const sub = target.subscription;
  const path = targetPath(target);
  const { search, setSearch } = useTargetSearch();
  const poll = usePoll();
  const queryClient = useQueryClient();
  const reasonId = useId();

  const flow = useActionFlow(target);
  const jobFlow = useJobFlow(target, setSearch);
  const dialogOpen = flow.pending !== null || jobFlow.planning !== null;
  // An open dialog keeps checking its own target at the fast pace (the table behind it stays held).
  const q = useQuery(deploymentQueryOptions(target, poll, dialogOpen));
  const ops = useQuery(operationsQueryOptions(sub, poll));
  const { job, others: otherJobs, error: jobError } = useTargetJob(target, search.job);
  const deployment = useHeldUnderDialog(q.data, dialogOpen);
  const confirmFor = useMemo(() => (flow.pending ? { instances: [flow.pending.instance], since: flow.pending.since } : jobFlow.planning), [flow.pending, jobFlow.planning]);
  const confirmData = useConfirmData(q, deployment, confirmFor);
  const outcomes = useHeld(useOperationWatch(path, q.data, ops.data), dialogOpen);
  const view = useInstanceView(deployment, search, outcomes.keep);
  // A running job holds the target, and a paused one until what it sent has ended: the proxy would
  // refuse a single action (409), so none is offered.
  const disabledReason = useDisabledReason(q, view.inFlight) ?? jobBusyReason(job);
  const jobControlReason = useJobControlReason();
  const selection = useJobSelection(search, setSearch, view.instances, view.items);
  const domains = useMemo(() => upgradeDomains(view.instances), [view.instances]);
  // Rows of the job's instances say where the job is with them ("Reboot job: step 2 of 5 (running) · reboot done").
  const heldJob = useHeld(job, dialogOpen);
  const activity = useMemo(() => new Map([...jobStepByInstance(heldJob), ...view.activity]), [heldJob, view.activity]);
  const tableView = useMemo(() => ({ ...view, activity }), [view, activity]);
  const selected = search.instance ? view.instances.find((i) => i.name === search.instance) : undefined;
  const slotType = deployment?.slotType;
  const heading = useMemo(() => targetHeading(target, { slotType }), [target, slotType]);

  const onFinished = useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: deploymentKeys.detail(target) });
    void queryClient.invalidateQueries({ queryKey: auditKeys.all });
  }, [queryClient, target]);
  useOperationNotices(ops.data, onFinished);
  useJobNotices(job, q.data);

  const onSelect = useInstanceSelection(search.instance, setSearch);
  const closeDetail = useCallback(() => setSearch({ instance: undefined }), [setSearch]);
  const openOp = useCallback((id: string | undefined) => setSearch({ op: id }), [setSearch]);
  const openJob = useCallback((id: string) => setSearch({ job: id }), [setSearch]);
  const rowActions = useMemo(() => ({ disabledReason, reasonId, onAction: flow.open, menu: rowMenu }), [disabledReason, reasonId, flow.open]);
  const follow = useTrayFollow(path, outcomes, flow.open, { disabledReason, reasonId });
  const summary = useTargetSummary({ target, heading, deployment, job, outcomes: outcomes.operations });

  return (
    <div className="space-y-4">
      <TargetHeader target={target} heading={heading} deployment={deployment} nav={nav} summary={summary} />
      <StaleBanner state={{ updatedAt: q.dataUpdatedAt, failed: q.isError, error: q.error, paused: poll.paused, stale: deployment?.stale && { at: Date.parse(deployment.fetchedAt), reason: deployment.stale.error.message } }} what="instances" />

      {!deployment ? (
        <Panel title="Instances">
          <p className="px-4 py-6 text-sm">{q.isError ? explainError(q.error) : "Loading instances…"}</p>
        </Panel>
      ) : (
        <>
          <RoleSummary counts={view.counts} activeRole={search.role} onToggle={(r) => setSearch({ role: search.role === r ? undefined : r })} />
          <div className="flex flex-wrap items-end justify-between gap-3">
            <Filters roles={view.roleOrder} value={view.filter} onChange={setSearch} />
            <KeyboardShortcuts />
          </div>
          <ActionsNotice id={reasonId} reason={disabledReason} />
          {/* Where actions are chosen and instances opened: the dialogs and the details start loading
              when the pointer or focus comes here. */}
          <div className="grid gap-4 xl:grid-cols-[1fr_24rem]" onPointerOver={preloadOnIntent} onFocus={preloadOnIntent}>
            <div className="min-w-0 space-y-2">
              <SelectionBar count={selection.selected.length} hidden={selection.hidden} domains={domains} onPick={selection.pick} onAction={(a) => jobFlow.open(a, selection.selected)} disabledReason={disabledReason} reasonId={reasonId} />
              <RowSelectionContext.Provider value={selection.rows}>
                <RowOutcomeContext.Provider value={outcomes.rows}>
                  <InstancesPanel view={tableView} selected={search.instance} onSelect={onSelect} setSearch={setSearch} rowActions={rowActions} />
                </RowOutcomeContext.Provider>
              </RowSelectionContext.Provider>
            </div>
            {/* Sticky, with the tray first: an operation just started is followed here without
                scrolling, and the detail panel's actions sit right under it. */}
            <div className="space-y-4 self-start xl:sticky xl:top-4">
              {job ? <JobSection job={job} others={otherJobs} listError={jobError} controlDisabledReason={jobControlReason} onOpenJob={openJob} /> : null}
              <SubscriptionTray sub={sub} openedId={search.op} onOpen={openOp} follow={follow} size={search.instance ? "short" : "tall"} />
              {search.instance ? (
                <InstancePanel
                  name={search.instance}
                  instance={selected}
                  activity={view.activity.get(search.instance)}
                  onClose={closeDetail}
                  actions={{ disabledReason, onAction: flow.open }}
                  history={{ target: path, active: isActive(q.data) }}
                />
              ) : null}
            </div>
          </div>
        </>
      )}

      <TargetDialogs flow={flow} jobFlow={jobFlow} heading={heading} data={confirmData} />
    </div>
  );
}
