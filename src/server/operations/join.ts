import type { ActionAccepted, Operation } from "../../shared/api.ts";
import { isErrorCode } from "../../shared/error-codes.ts";
import { targetPath } from "../../shared/targets.ts";
import { ProxyError } from "../errors.ts";
import type { Hold, HoldInput, Store } from "../store/types.ts";
import type { ActionRequest } from "./actions.ts";
import { accepted, describeBlocking, operationOfRecord } from "./describe.ts";
import type { OperationTracker } from "./tracker.ts";

const sameInstances = (a: string[], b: string[]) => a.length === b.length && a.every((name, i) => name.toLowerCase() === b[i]?.toLowerCase());
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** How often a duplicate on another replica looks whether the POST it waits for was answered. */
const JOIN_POLL_MS = 50;

const instances = (n: number) => `${n} instance${n === 1 ? "" : "s"}`;

/**
 * Why a rolling job's hold refuses the action. A job that no longer runs keeps its hold only until
 * what it sent has ended, so pausing or cancelling it is no way out then: that case says to wait.
 */
async function jobBusyMessage(store: Store, jobId: string, op: Operation): Promise<string> {
  const job = await store.jobs.get(jobId);
  if (job && job.state !== "running") {
    const running = job.steps.flatMap((s) => [...s.operations.filter((o) => o.status === "InProgress").flatMap((o) => o.instances), ...(s.sending?.instances ?? [])]);
    // No operation left: the hold is about to go (the job frees it on its next look).
    if (running.length === 0) return `Rolling job ${jobId} is ${job.state} and is letting go of this target. Try again in a moment.`;
    return `Rolling job ${jobId} is ${job.state}, but its ${job.action} of ${running.join(", ")} is still running in Azure, and the job holds this target until it ends. Wait for it to end, then try again.`;
  }
  return `A rolling job (${jobId}) holds this target: ${op.requestedBy} started a ${op.action} of ${instances(op.instances.length)} at ${op.requestedAt}. Pause or cancel the job to act on this target by hand.`;
}

async function busy(store: Store, holder: HoldInput | Hold): Promise<ProxyError> {
  const op = holder.operation;
  if (holder.jobId) {
    return new ProxyError("DeploymentBusy", await jobBusyMessage(store, holder.jobId, op), { blocking: { ...op, jobId: holder.jobId } });
  }
  const { id, ...rest } = op;
  const blocking = { ...(id ? op : rest), ...(holder.unconfirmed ? { unconfirmed: true as const } : {}) };
  return new ProxyError("DeploymentBusy", describeBlocking(holder), { blocking, requestId: id || undefined });
}

/**
 * The target is held: the same action on the same instances gets the holder's operation back (a
 * double click, a retry, the same click through another replica); anything else is a 409 naming the
 * holder. A duplicate of a POST still on its way waits for its answer: on this replica on the
 * promise itself, on another by watching the hold in the store for the operation id.
 */
export async function joinHolder(tracker: OperationTracker, holder: HoldInput | Hold, req: ActionRequest, pending?: Promise<ActionAccepted>): Promise<ActionAccepted> {
  const op = holder.operation;
  const same = !holder.jobId && op.action === req.action && sameInstances(op.instances, req.instances);
  // Whose start is unconfirmed there is no operation to hand back, and repeating it is exactly what the hold prevents.
  if (!same || holder.unconfirmed) throw await busy(tracker.deps.store, holder);
  if (op.id) return accepted(op);
  if (pending) return pending;
  return waitForAnswer(tracker, holder, targetPath(req.target));
}

async function waitForAnswer(tracker: OperationTracker, holder: HoldInput | Hold, path: string): Promise<ActionAccepted> {
  const { store, joinWaitMs } = tracker.deps;
  const end = Date.now() + joinWaitMs;
  let latest: HoldInput | Hold = holder;
  while (Date.now() < end) {
    await sleep(JOIN_POLL_MS);
    const now = await store.holds.get(path);
    if (now?.id === holder.id) {
      latest = now;
      if (now.unconfirmed) throw await busy(store, now);
      if (now.operation.id) return accepted(now.operation);
      continue;
    }
    // Released or taken by someone else: the holder's audit row says how its POST ended.
    const row = holder.auditId === undefined ? undefined : await store.audit.get(holder.auditId);
    if (row?.operationId) return accepted(operationOfRecord(row));
    if (row?.outcome === "rejected" && row.error) {
      throw new ProxyError(isErrorCode(row.error.code) ? row.error.code : "UpstreamRejected", row.error.message);
    }
    throw await busy(store, now ?? latest);
  }
  throw await busy(store, latest);
}
