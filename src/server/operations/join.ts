import type { ActionAccepted } from "../../shared/api.ts";
import { isErrorCode } from "../../shared/error-codes.ts";
import { targetPath } from "../../shared/targets.ts";
import { ProxyError } from "../errors.ts";
import type { Hold, HoldInput } from "../store/types.ts";
import type { ActionRequest } from "./actions.ts";
import { accepted, describeBlocking, operationOfRecord } from "./describe.ts";
import type { OperationTracker } from "./tracker.ts";

const sameInstances = (a: string[], b: string[]) => a.length === b.length && a.every((name, i) => name.toLowerCase() === b[i]?.toLowerCase());
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** How often a duplicate on another replica looks whether the POST it waits for was answered. */
const JOIN_POLL_MS = 50;

function busy(holder: HoldInput | Hold): ProxyError {
  const op = holder.operation;
  if (holder.jobId) {
    const message = `A rolling job (${holder.jobId}) holds this target: ${op.requestedBy} started a ${op.action} of ${op.instances.length} instance(s) at ${op.requestedAt}. Pause or cancel the job to act on this target by hand.`;
    return new ProxyError("DeploymentBusy", message, { blocking: { ...op, jobId: holder.jobId } });
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
  if (!same || holder.unconfirmed) throw busy(holder);
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
      if (now.unconfirmed) throw busy(now);
      if (now.operation.id) return accepted(now.operation);
      continue;
    }
    // Released or taken by someone else: the holder's audit row says how its POST ended.
    const row = holder.auditId === undefined ? undefined : await store.audit.get(holder.auditId);
    if (row?.operationId) return accepted(operationOfRecord(row));
    if (row?.outcome === "rejected" && row.error) {
      throw new ProxyError(isErrorCode(row.error.code) ? row.error.code : "UpstreamRejected", row.error.message);
    }
    throw busy(now ?? latest);
  }
  throw busy(latest);
}
