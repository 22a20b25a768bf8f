import type { Job, JobStep } from "../../../shared/api.ts";
import { actionVerbs } from "../../lib/format.ts";

// How a job reads on the page: which job of a target to show, how far it is, and each instance's
// step. Pure, so the panel, the rows and the summary say the same thing.

export const jobActive = (j: Job) => j.state === "running" || j.state === "paused";
const stepDone = (s: JobStep) => s.state === "succeeded" || s.state === "skipped";

/**
 * The job the target's page shows: the one the URL opened, else the target's running or paused
 * job (it holds the target), else its latest one. Jobs come newest first.
 */
export function jobOfTarget(jobs: readonly Job[] | undefined, target: string, openedId?: string): Job | undefined {
  // Azure's names are case-insensitive: a link typed in another case is the same target.
  const ofTarget = (jobs ?? []).filter((j) => j.target.toLowerCase() === target.toLowerCase());
  return (openedId ? ofTarget.find((j) => j.id === openedId) : undefined) ?? ofTarget.find(jobActive) ?? ofTarget[0];
}

export interface JobProgress {
  stepsDone: number;
  steps: number;
  instancesDone: number;
  instances: number;
  /** The step being worked on (or where it stopped), when the job has not ended well. */
  current: JobStep | undefined;
}

export function jobProgress(job: Job): JobProgress {
  const done = job.steps.filter(stepDone);
  return {
    stepsDone: done.length,
    steps: job.steps.length,
    instancesDone: done.reduce((n, s) => n + s.instances.length, 0),
    instances: job.steps.reduce((n, s) => n + s.instances.length, 0),
    current: job.state === "succeeded" ? undefined : job.steps.find((s) => !stepDone(s)),
  };
}

export function stepLabel(job: Job, step: JobStep): string {
  const where = step.upgradeDomain !== undefined ? ` (upgrade domain ${step.upgradeDomain})` : "";
  return `step ${step.index + 1} of ${job.steps.length}${where} · ${step.state}`;
}

/** instance → "Reboot job: step 2 of 5 · verifying", for the rows of an active job. */
export function jobStepByInstance(job: Job | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (!job || !jobActive(job)) return out;
  const verb = actionVerbs[job.action];
  for (const step of job.steps) {
    for (const name of step.instances) out.set(name, `${verb} job: step ${step.index + 1} of ${job.steps.length} · ${step.state}`);
  }
  return out;
}

/** Why single actions are off: the proxy refuses them (409) while a job holds the target. */
export function jobBusyReason(job: Job | undefined): string | null {
  if (!job || job.state !== "running") return null;
  return `Actions are unavailable while the ${actionVerbs[job.action].toLowerCase()} job started by ${job.requestedBy} runs on this target; pause or cancel it to act by hand.`;
}

/**
 * One line for the summary: "Reboot job by upgrade domain: running, step 2 of 3 (…)". `quote`
 * makes the requester's name inert in the summary's Markdown.
 */
export function jobLine(job: Job, quote: (name: string) => string): string {
  const p = jobProgress(job);
  const by = job.batch === "upgradeDomain" ? "by upgrade domain" : "one instance at a time";
  const at = p.current && job.state !== "cancelled" ? `, at ${stepLabel(job, p.current)}` : "";
  return `${actionVerbs[job.action]} job ${by}, floor ${job.minReadyPercent}%: ${job.state}, ${p.stepsDone} of ${p.steps} steps and ${p.instancesDone} of ${p.instances} instances done${at}; requested by ${quote(job.requestedBy)} at ${job.requestedAt}`;
}
