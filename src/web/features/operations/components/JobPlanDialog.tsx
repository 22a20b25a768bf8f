import { useId, useMemo, useRef, useState } from "react";
import { availabilityImpact } from "../../../../shared/availability.ts";
import { guardStep, jobListProblems, planJob, protectedChosen, type JobBatch } from "../../../../shared/jobs.ts";
import { Button } from "../../../components/ui/button.tsx";
import { Dialog } from "../../../components/ui/dialog.tsx";
import { confirmationRule, typedWordMatches, worstStepImpacts } from "../confirmation.ts";
import { actionCopy } from "../copy.ts";
import { reasonToSend, useRememberedReason } from "../reason.ts";
import { TargetLine, useSendOnce, type ConfirmRequest, type StatusSnapshot } from "./ConfirmDialog.tsx";
import { ActionHeader, LossSection } from "./ConfirmHeader.tsx";
import { AsOf, Changes, TypedWord } from "./ConfirmSections.tsx";
import { defaultJobSettings, jobNumbers, JobSettings, type JobSettingsValue } from "./JobSettings.tsx";
import { PlanSteps } from "./PlanSteps.tsx";
import { ReasonField } from "./ReasonField.tsx";

/** What the operator chose in the dialog; the page adds the action and the explicit instance list. */
export interface JobPlanChoice {
  batch: JobBatch;
  minReadyPercent: number;
  readyTimeoutSec: number;
  soakSec: number;
  reason?: string;
}

export interface JobPlanDialogProps {
  request: ConfirmRequest;
  snapshot: StatusSnapshot;
  onCancel: () => void;
  /** Called at most once. */
  onConfirm: (choice: JobPlanChoice) => void;
}

/**
 * The plan of a rolling job before it starts: the batches, the floor, each step with what it does to
 * every role it touches (the same planJob/guardStep the proxy runs, on the statuses shown), a warning
 * where a step would wait, and the typed word where the rules ask for it. Cancel has the focus.
 */
export function JobPlanDialog({ request, snapshot, onCancel, onConfirm }: JobPlanDialogProps) {
  const { action, target, instances: names } = request;
  const { instances, asOf, blockedReason = null, changes = [] } = snapshot;
  const titleId = useId();
  const descId = useId();
  const wordId = useId();
  const cancelRef = useRef<HTMLButtonElement>(null);
  const [settings, setSettings] = useState<JobSettingsValue>(defaultJobSettings);
  const [reason, setReason] = useRememberedReason();
  const [typed, setTyped] = useState("");
  const choice = useRef<JobPlanChoice | null>(null);
  const { sent, send } = useSendOnce(() => {
    if (choice.current) onConfirm(choice.current);
  });

  const copy = actionCopy[action];
  const numbers = jobNumbers(settings);
  const percent = numbers?.minReadyPercent ?? null;
  const problems = useMemo(() => {
    const guarded = protectedChosen(instances, names);
    return [...jobListProblems(instances, names), ...(guarded.length ? [`${guarded.join(", ")}: protected from actions by the scale set's protection policy; Azure would refuse ${guarded.length === 1 ? "it" : "them"}. Leave ${guarded.length === 1 ? "it" : "them"} out.`] : [])];
  }, [instances, names]);
  const guards = useMemo(
    () => planJob(instances, names, settings.batch).map((step) => ({ step, ...guardStep(instances, step.instances, percent ?? 0) })),
    [instances, names, settings.batch, percent],
  );
  const rule = useMemo(() => {
    const impacts = worstStepImpacts(guards.map((g) => availabilityImpact(instances, g.step.instances)));
    return confirmationRule(action, target.production, impacts, names, target.name);
  }, [action, guards, instances, names, target]);
  const canConfirm = !sent && blockedReason === null && problems.length === 0 && numbers !== null && typedWordMatches(rule, typed);
  const waits = guards.filter((g) => !g.ok).length;

  return (
    <Dialog labelledBy={titleId} describedBy={descId} onCancel={onCancel} initialFocus={cancelRef} className="scroll-pt-32 scroll-pb-24">
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          if (!canConfirm) return;
          const why = reasonToSend(reason);
          choice.current = { batch: settings.batch, ...numbers, ...(why ? { reason: why } : {}) };
          send();
        }}
      >
        <ActionHeader copy={copy} production={target.production} titleId={titleId} descId={descId} title={`${copy.verb} ${names.length} instance${names.length === 1 ? "" : "s"} — rolling job`} />
        <div className="space-y-4 px-5 py-4 text-sm">
          <p>One step at a time, each only while every role it touches keeps its floor of ready instances.</p>
          <TargetLine target={target} />
          <LossSection copy={copy} />
          {asOf ? <AsOf at={asOf} /> : null}
          <Changes changes={changes} />
          <JobSettings value={settings} onChange={setSettings} />
          <ReasonField value={reason} onChange={setReason} />
          {problems.length > 0 ? (
            <ul role="alert" className="list-disc pl-5 text-red-800 dark:text-red-200">
              {problems.map((p) => <li key={p}>{p}</li>)}
            </ul>
          ) : null}
          {waits > 0 ? (
            <p role="alert" className="rounded-md border border-amber-400 bg-amber-50 p-2 font-semibold dark:border-amber-700 dark:bg-amber-950">
              {waits} of {guards.length} steps would wait for readiness at a floor of {percent ?? "?"}%: see below.
            </p>
          ) : null}
          <PlanSteps guards={guards} verb={copy.verb} />
          <TypedWord rule={rule} inputId={wordId} value={typed} onChange={setTyped} />
        </div>
        {/* Sticky: Confirm, and why it is off (someone else started something), stay in sight however long the dialog. */}
        <footer className="sticky bottom-0 flex flex-wrap items-center justify-end gap-2 border-t border-slate-200 bg-white px-5 py-3 dark:border-slate-800 dark:bg-slate-900">
          {blockedReason && !sent ? <p role="status" className="mr-auto self-center text-sm font-medium text-amber-900 dark:text-amber-200">{blockedReason}</p> : null}
          <Button ref={cancelRef} onClick={onCancel}>{sent ? "Close" : "Cancel"}</Button>
          <Button type="submit" variant={copy.risk === "low" && !target.production ? "primary" : "danger"} disabled={!canConfirm}>
            {sent ? "Starting…" : `Start ${copy.verb.toLowerCase()} job (${names.length} instance${names.length === 1 ? "" : "s"})`}
          </Button>
        </footer>
      </form>
    </Dialog>
  );
}
