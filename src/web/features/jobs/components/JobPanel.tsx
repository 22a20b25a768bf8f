import type { Job } from "../../../../shared/api.ts";
import { Badge, type BadgeTone } from "../../../components/ui/badge.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { actionVerbs, formatTime } from "../../../lib/format.ts";
import type { JobControl } from "../api.ts";
import { jobProgress, stepLabel } from "../progress.ts";

const stateTone: Record<Job["state"], BadgeTone> = { running: "transitional", paused: "unknown", succeeded: "ok", failed: "failed", cancelled: "stopped" };

interface Props {
  job: Job;
  /** Why pause/resume/cancel are off (a reader, a request on its way), or null. */
  controlDisabledReason: string | null;
  onControl: (what: JobControl) => void;
  /** The page's URL with this job open (`job=<id>`), to paste in a channel. */
  link: string;
  error: string | null;
}

function Progress({ job }: { job: Job }) {
  const p = jobProgress(job);
  const text = `${p.stepsDone} of ${p.steps} steps · ${p.instancesDone} of ${p.instances} instances done`;
  return (
    <div>
      <div role="progressbar" aria-label="Job progress" aria-valuemin={0} aria-valuemax={p.steps} aria-valuenow={p.stepsDone} aria-valuetext={text} className="h-2 overflow-hidden rounded bg-slate-200 dark:bg-slate-700">
        <div className="h-full bg-blue-700 dark:bg-blue-400" style={{ width: `${p.steps ? (100 * p.stepsDone) / p.steps : 0}%` }} />
      </div>
      <p className="mt-1 text-xs">{text}</p>
      {p.current ? <p className="mt-1">Now: {stepLabel(job, p.current)} — <span className="font-mono">{p.current.instances.join(", ")}</span></p> : null}
    </div>
  );
}

/** A target's rolling job: how far it is, what it waits for, why it stopped, and its controls. */
export function JobPanel({ job, controlDisabledReason, onControl, link, error }: Props) {
  const off = controlDisabledReason !== null;
  const control = (what: JobControl, label: string, variant: "secondary" | "danger" = "secondary") => (
    <Button size="sm" variant={variant} aria-disabled={off || undefined} title={controlDisabledReason ?? undefined} className={off ? "cursor-not-allowed opacity-60" : ""} onClick={() => (off ? undefined : onControl(what))}>
      {label}
    </Button>
  );
  const stopped = job.state === "paused" || job.state === "failed" || job.state === "cancelled";
  return (
    <section aria-labelledby="job-title" className="rounded-lg border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <h2 id="job-title" className="flex flex-wrap items-center gap-2 border-b border-slate-200 px-4 py-2 text-sm font-semibold dark:border-slate-800">
        {actionVerbs[job.action]} job <Badge tone={stateTone[job.state]}>{job.state}</Badge>
      </h2>
      <div className="space-y-2 px-4 py-3 text-sm">
        <p className="text-xs text-slate-700 dark:text-slate-300">
          {job.batch === "upgradeDomain" ? "By upgrade domain" : "One instance at a time"}, floor {job.minReadyPercent}%, waits up to {Math.round(job.readyTimeoutSec / 60)} min for readiness
          {job.soakSec > 0 ? `, watches ${job.soakSec} s after each step` : ""} · by {job.requestedBy} at {formatTime(job.requestedAt)}
          {job.reason ? <> · “{job.reason}”</> : null}
        </p>
        <Progress job={job} />
        {job.waitingFor && job.state === "running" ? <p role="status">Waiting: {job.waitingFor}</p> : null}
        {stopped && job.pausedReason ? <p className="rounded-md border border-amber-400 bg-amber-50 p-2 dark:border-amber-700 dark:bg-amber-950">{job.pausedReason}</p> : null}
        {error ? <p role="alert" className="text-red-800 dark:text-red-200">{error}</p> : null}
        <div className="flex flex-wrap items-center gap-2">
          {job.state === "running" ? control("pause", "Pause job") : null}
          {job.state === "paused" ? control("resume", "Resume job") : null}
          {job.state === "running" || job.state === "paused" ? control("cancel", "Cancel job", "danger") : null}
          <a href={link} className="ml-auto text-blue-800 underline dark:text-blue-300">Link to this job</a>
        </div>
      </div>
    </section>
  );
}
