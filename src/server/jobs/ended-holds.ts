import type { Log } from "../operations/tracker.ts";
import type { Hold, Store } from "../store/types.ts";
import { jobHoldId } from "./lifecycle.ts";
import { jobInFlight } from "./store.ts";

const ENDED = new Set(["succeeded", "failed", "cancelled"]);

/**
 * Frees job holds nobody will ever free: a crash between saving a job's end and releasing its
 * hold, or between taking the hold and storing the job at its start, would otherwise leave the
 * target answering 409 forever. A hold younger than a lease is left alone: its job may be being
 * stored right now, or be about to release it itself.
 */
export async function freeEndedJobHolds(deps: { store: Store; log: Log; leaseMs: number }, holds: readonly Hold[]): Promise<void> {
  for (const hold of holds) {
    if (!hold.jobId || hold.id !== jobHoldId(hold.jobId)) continue;
    if (Date.now() - Date.parse(hold.acquiredAt) < deps.leaseMs) continue;
    const job = await deps.store.jobs.get(hold.jobId);
    if (job && !(ENDED.has(job.state) && !jobInFlight(job))) continue;
    if (await deps.store.holds.release(hold.target, hold.id)) {
      deps.log.warn({ jobId: hold.jobId, target: hold.target, state: job?.state ?? "missing" }, "freed the hold of a job that has ended (or was never stored)");
    }
  }
}
