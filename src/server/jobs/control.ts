import type { Actor } from "../auth/types.ts";
import { ProxyError } from "../errors.ts";
import { nowIso, type JobBook } from "./lifecycle.ts";
import type { StoredJob } from "./store.ts";

/**
 * Pause, resume or cancel, on the job as the store has it now; throws JobChanged when another
 * replica saved it in between (the caller reads it again). Pause and cancel take effect at once:
 * what was sent runs to its end, nothing new is sent. Asking for what already holds (pausing a
 * paused job, resuming a running one, cancelling a cancelled one: a double click, a retry) changes
 * nothing and says so in `changed`.
 */
export async function controlJob(book: JobBook, id: string, what: "pause" | "resume" | "cancel", actor: Actor): Promise<{ job: StoredJob; changed: boolean }> {
  const job = await book.deps.store.jobs.get(id);
  if (!job) throw new ProxyError("UnknownJob", `Rolecall has no job ${id}.`);
  const already = what === "pause" ? "paused" : what === "resume" ? "running" : "cancelled";
  if (job.state === already) return { job, changed: false };
  if (job.state === "succeeded" || job.state === "failed" || job.state === "cancelled") {
    throw new ProxyError("JobFinished", `Job ${id} has ended (${job.state}); it cannot be changed.`);
  }
  if (what === "pause") {
    await book.pause(job, `Paused by ${actor.name}.`, actor);
  } else if (what === "cancel") {
    job.state = "cancelled";
    job.finishedAt = nowIso();
    job.pausedReason = `Cancelled by ${actor.name}.`;
    job.waitingFor = undefined;
    await book.record(job, "cancelled", actor);
    // Operations already sent are still followed to their end (for the audit), under the hold.
    await book.settleHold(job);
  } else {
    await book.hold(job); // its own hold back, or a 409 naming whoever acted on the target meanwhile
    // A send whose answer reached the audit after all is followed, not counted unknown.
    await book.resolveSending(job);
    // Whoever resumes takes the job over: their identity acts from now on, and the audit names them.
    job.actingAs = { name: actor.name, id: actor.id };
    job.state = "running";
    job.pausedReason = undefined;
    for (const step of job.steps) {
      // A failed step is tried again, for the instances that did not already succeed (its failed
      // operations stay in operationIds, for the record).
      if (step.state === "failed") {
        Object.assign(step, { state: "pending", error: undefined, waitingSince: undefined, finishedAt: undefined });
        step.operations = step.operations.filter((o) => o.status !== "Failed");
      }
      // A send whose outcome is unknown is never sent again: resuming goes on to check that
      // those instances are ready (the pause reason said so).
      if (step.sending) {
        step.operations.push({ id: "", auditId: step.sending.auditId, instances: step.sending.instances, status: "Unknown" });
        delete step.sending;
      } else if (step.state === "waiting" || step.state === "verifying") step.waitingSince = undefined;
      // A step paused between its guard and its sends is guarded again: statuses may have changed
      // while it was paused (someone else's action), and the floor is about the instances as they are now.
      if (step.state === "running" && !step.operations.some((o) => o.status === "InProgress")) step.state = "pending";
    }
    await book.record(job, "resumed", actor);
  }
  return { job, changed: true };
}
