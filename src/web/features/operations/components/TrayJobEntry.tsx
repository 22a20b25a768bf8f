import type { Job } from "../../../../shared/api.ts";
import { isProductionTarget, parseTargetPath, targetLabel } from "../../../../shared/targets.ts";
import { Badge, ProductionTag, type BadgeTone } from "../../../components/ui/badge.tsx";
import { formatTime } from "../../../lib/format.ts";
import { Link } from "../../../lib/router.tsx";
import { targetHref } from "../../../lib/targets.ts";
import { actionCopy } from "../copy.ts";
import { jobDone } from "../tray-items.ts";

const stateTone: Record<Job["state"], BadgeTone> = { running: "transitional", paused: "unknown", succeeded: "ok", failed: "failed", cancelled: "neutral" };
const link = "text-blue-800 underline underline-offset-2 dark:text-blue-300";

/** A rolling job in the tray: what, how far, where (a link that opens it on its target's page), who and why. */
export function TrayJobEntry({ job }: { job: Job }) {
  const target = parseTargetPath(job.target);
  const done = jobDone(job);
  const what = `${actionCopy[job.action].verb} job · ${done.instances} of ${done.allInstances} instances`;
  return (
    <li className="px-4 py-2 text-sm" data-job={job.id}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <span className="inline-flex flex-wrap items-center gap-1.5 font-medium">
          {target && isProductionTarget(target) ? <ProductionTag /> : null}
          {target ? <Link to={targetHref(target, { job: job.id })} className={link}>{what}</Link> : what}
        </span>
        <Badge tone={stateTone[job.state]}>Job {job.state}</Badge>
      </div>
      <p className="text-xs text-slate-700 dark:text-slate-300">
        {target ? <><Link to={targetHref(target)} className={link}>{targetLabel(target)}</Link> · </> : null}
        by {job.requestedBy} at {formatTime(job.requestedAt)} · {done.steps} of {job.steps.length} steps done
        {job.reason ? <> · “{job.reason}”</> : null}
      </p>
      {job.pausedReason && (job.state === "paused" || job.state === "failed") ? <p className="mt-1 text-xs text-amber-900 dark:text-amber-200">{job.pausedReason}</p> : null}
    </li>
  );
}
