import type { Job, Operation } from "../../../shared/api.ts";
import { jobProgress } from "../jobs/progress.ts";

// The tray lists a subscription's recent single actions and rolling jobs together, newest first. A
// job's own operations (one per instance or upgrade domain) are told by the job's entry: listed one
// by one they would push every other entry out of sight.

export type TrayItem = { kind: "operation"; at: number; op: Operation } | { kind: "job"; at: number; job: Job };

export function trayItems(operations: readonly Operation[], jobs: readonly Job[]): TrayItem[] {
  const ofJobs = new Set(jobs.flatMap((j) => j.steps.flatMap((s) => s.operationIds)));
  const items: TrayItem[] = [
    ...operations.filter((op) => !ofJobs.has(op.id)).map((op) => ({ kind: "operation" as const, at: Date.parse(op.requestedAt), op })),
    ...jobs.map((job) => ({ kind: "job" as const, at: Date.parse(job.requestedAt), job })),
  ];
  // Running first (they are what someone is watching), then newest first.
  const running = (i: TrayItem) => (i.kind === "operation" ? i.op.status === "InProgress" : i.job.state === "running");
  return items.sort((a, b) => Number(running(b)) - Number(running(a)) || b.at - a.at);
}

/** How far a job is, in steps and instances: counted as the job's panel counts them. */
export function jobDone(job: Job): { steps: number; instances: number; allInstances: number } {
  const p = jobProgress(job);
  return { steps: p.stepsDone, instances: p.instancesDone, allInstances: p.instances };
}
