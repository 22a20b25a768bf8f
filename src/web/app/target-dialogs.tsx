import type { TargetHeading } from "../lib/targets.ts";
import { ConfirmDialog, JobPlanDialog } from "./dialogs.tsx";
import type { useActionFlow } from "./use-action-flow.ts";
import type { ConfirmData } from "./use-confirm-data.ts";
import type { useJobFlow } from "./use-job-flow.ts";

interface Props {
  flow: ReturnType<typeof useActionFlow>;
  jobFlow: ReturnType<typeof useJobFlow>;
  heading: TargetHeading;
  /** What the open dialog shows and may act on (fresh statuses, why Confirm is off). */
  data: ConfirmData | null;
}

/** The target page's open dialog, if any: one action's confirmation, or a rolling job's plan. */
export function TargetDialogs({ flow, jobFlow, heading, data }: Props) {
  if (!data) return null;
  if (flow.pending) {
    return <ConfirmDialog request={{ action: flow.pending.action, target: heading, instances: [flow.pending.instance] }} snapshot={data} onCancel={flow.cancel} onConfirm={flow.confirm} />;
  }
  if (jobFlow.planning) {
    return <JobPlanDialog request={{ action: jobFlow.planning.action, target: heading, instances: jobFlow.planning.instances }} snapshot={data} onCancel={jobFlow.cancel} onConfirm={jobFlow.confirm} />;
  }
  return null;
}
