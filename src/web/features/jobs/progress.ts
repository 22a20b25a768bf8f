import type { Job, JobStep } from "../../../shared/api.ts";
import { actionVerbs, formatUtc } from "../../lib/format.ts";

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

type SendStatus = NonNullable<JobStep["sent"]>[number]["status"];

/**
 * Each instance's own state within its step, from what the job sent it (a later send to it wins);
 * an instance not in the map has not been sent to. Undefined when the proxy does not say.
 */
function sentTo(step: JobStep): Map<string, SendStatus> | undefined {
  if (!step.sent) return undefined;
  const out = new Map<string, SendStatus>();
  for (const send of step.sent) for (const name of send.instances) out.set(name, send.status);
  return out;
}

/** The instances of the job whose operation is still running (a paused or cancelled job keeps its hold until they end). */
export function jobRunningInstances(job: Job): string[] {
  return job.steps.flatMap((s) => [...(sentTo(s) ?? [])].filter(([, status]) => status === "InProgress").map(([name]) => name));
}

/** Whether the job can still change on its own: it runs, or an operation it sent has not ended. */
export const jobMoving = (job: Job) => job.state === "running" || jobRunningInstances(job).length > 0;

/**
 * Instances count as done once their own operation succeeded, not only when their whole step is:
 * a big upgrade domain sends to its instances one at a time, and would read "0 of 200" throughout.
 */
function instancesDone(step: JobStep): number {
  if (stepDone(step)) return step.instances.length;
  const states = sentTo(step);
  return states ? step.instances.filter((name) => states.get(name) === "Succeeded").length : 0;
}

export function jobProgress(job: Job): JobProgress {
  return {
    stepsDone: job.steps.filter(stepDone).length,
    steps: job.steps.length,
    instancesDone: job.steps.reduce((n, s) => n + instancesDone(s), 0),
    instances: job.steps.reduce((n, s) => n + s.instances.length, 0),
    current: job.state === "succeeded" ? undefined : job.steps.find((s) => !stepDone(s)),
  };
}

export function stepLabel(job: Job, step: JobStep): string {
  const where = step.upgradeDomain !== undefined ? ` (upgrade domain ${step.upgradeDomain})` : "";
  return `step ${step.index + 1} of ${job.steps.length}${where} · ${step.state}`;
}

/** What the job did to one instance, in the words of its row. */
function ownState(action: string, status: SendStatus | undefined): string {
  switch (status) {
    case undefined:
      return "not sent yet";
    case "InProgress":
      return `${action} in progress`;
    case "Succeeded":
      return `${action} done`;
    case "Failed":
      return `${action} failed`;
    case "Unknown":
      return `${action} may have started (unconfirmed)`;
  }
}

/**
 * instance → "Reboot job: step 2 of 5 (running) · reboot done", for the rows of an active job. Each
 * row says what the job did to that instance: a step's state is not its instances' (a failed step
 * may not have sent to most of them yet).
 */
export function jobStepByInstance(job: Job | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (!job || !jobActive(job)) return out;
  const verb = actionVerbs[job.action];
  for (const step of job.steps) {
    const where = `${verb} job: step ${step.index + 1} of ${job.steps.length}`;
    const states = sentTo(step);
    for (const name of step.instances) {
      out.set(name, states ? `${where} (${step.state}) · ${ownState(verb.toLowerCase(), states.get(name))}` : `${where} · ${step.state}`);
    }
  }
  return out;
}

/**
 * Why single actions are off: the proxy refuses them (409) while a job holds the target, and a job
 * that no longer runs keeps its hold until the operations it sent have ended.
 */
export function jobBusyReason(job: Job | undefined): string | null {
  if (!job) return null;
  const verb = actionVerbs[job.action].toLowerCase();
  if (job.state === "running") {
    return `Actions are unavailable while the ${verb} job started by ${job.requestedBy} runs on this target; pause or cancel it to act by hand.`;
  }
  const running = jobRunningInstances(job);
  if (running.length === 0) return null;
  return `The ${job.state} job's ${verb} of ${running.join(", ")} is still running in Azure; actions are available once it ends.`;
}

/**
 * One line for the summary: "Reboot job by upgrade domain: running, step 2 of 3 (…)". `quote`
 * makes the requester's name inert in the summary's Markdown.
 */
export function jobLine(job: Job, quote: (name: string) => string): string {
  const p = jobProgress(job);
  const by = job.batch === "upgradeDomain" ? "by upgrade domain" : "one instance at a time";
  const at = p.current && job.state !== "cancelled" ? `, at ${stepLabel(job, p.current)}` : "";
  return `${actionVerbs[job.action]} job ${by}, floor ${job.minReadyPercent}%: ${job.state}, ${p.stepsDone} of ${p.steps} steps and ${p.instancesDone} of ${p.instances} instances done${at}; requested by ${quote(job.requestedBy)} at ${formatUtc(job.requestedAt)}`;
}
