import type { ActionAccepted, Operation } from "../../shared/api.ts";
import type { Action } from "../../shared/names.ts";
import { targetLabel, targetPath, type TargetRef } from "../../shared/targets.ts";
import type { AuditStore } from "../audit/store.ts";
import type { Actor } from "../auth/types.ts";
import { backendFor, type Backends, type StartedOperation } from "../backends/types.ts";
import { ProxyError } from "../errors.ts";
import { toProxyError, UpstreamError } from "../upstream/errors.ts";
import type { UpstreamIdentity } from "../upstream/identity.ts";
import { describeBlocking, plainReason } from "./describe.ts";
import type { OperationTracker, TrackedOperation } from "./tracker.ts";

export interface ActionRequest {
  actor: Actor;
  identity: UpstreamIdentity;
  target: TargetRef;
  /** Exactly the instances to act on: never empty (upstream, an empty list means every instance). */
  instances: string[];
  action: Action;
}

const sameInstances = (a: string[], b: string[]) =>
  a.length === b.length && a.every((name, i) => name.toLowerCase() === b[i]?.toLowerCase());

const accepted = (op: Operation): ActionAccepted => ({
  operationId: op.id,
  action: op.action,
  instances: op.instances,
  requestedBy: op.requestedBy,
  requestedAt: op.requestedAt,
});

/**
 * One action per target. The lock is taken synchronously, before the first await, so of N
 * concurrent requests exactly one reaches the upstream; identical ones share its result, others get
 * a 409 that names the holder. The audit row is written before the action leaves (if that write
 * fails, nothing is sent and the caller gets a 500).
 */
export function startAction(deps: { backends: Backends; audit: AuditStore; tracker: OperationTracker }, req: ActionRequest): Promise<ActionAccepted> {
  // Checked here, not only by the routes: an empty list would reach a batch endpoint as "all".
  if (req.instances.length === 0) return Promise.reject(new Error("an action must name at least one instance"));
  // Decided now, before any await: of concurrent requests exactly one goes on past this point.
  const holder = deps.tracker.holder(req.target);
  if (holder) return joinHolder(holder, req);

  const requestedAt = new Date().toISOString();
  const target = targetPath(req.target);
  const auditId = deps.audit.insert({
    at: requestedAt,
    actor: req.actor.name,
    actorId: req.actor.id,
    action: req.action,
    subscription: req.target.subscription,
    target,
    instances: req.instances,
  });
  const tracked: TrackedOperation = {
    auditId,
    target: req.target,
    identity: req.identity,
    operation: { id: "", status: "InProgress", action: req.action, instances: req.instances, requestedBy: req.actor.name, requestedAt, target },
  };
  // Nothing was awaited since holder() found the target free, so this takes it.
  if (deps.tracker.acquire(tracked)) throw new Error("target taken between check and acquire");

  const what = `${req.action} ${req.instances.join(", ")} in ${targetLabel(req.target)}`;
  const pending = (async () => {
    let started: StartedOperation;
    try {
      started = await backendFor(deps.backends, req.target.kind).startAction(req.target, req.action, req.instances, req.identity);
    } catch (err) {
      delete tracked.pending;
      throw refused(deps, tracked, err, what);
    }
    // Azure accepted: from here on the operation is tracked and the caller gets 202, whatever else
    // fails (an audit write that fails is logged by the tracker; the poller writes the outcome later).
    tracked.operation.id = started.id;
    tracked.handle = started.handle;
    delete tracked.pending;
    deps.tracker.track(tracked);
    // Readers should see the transition now, not after the cache expires.
    deps.tracker.invalidate(tracked);
    deps.tracker.record(auditId, { operationId: started.id, operationHandle: started.handle, outcome: "accepted" });
    return accepted(tracked.operation);
  })();
  tracked.pending = pending;
  return pending;
}

/**
 * The target is held: the same action on the same instances shares the holder's result (a double
 * click, a retry); anything else is refused with a 409 naming the holder.
 */
function joinHolder(holder: TrackedOperation, req: ActionRequest): Promise<ActionAccepted> {
  const op = holder.operation;
  if (holder.jobId) {
    const message = `A rolling job (${holder.jobId}) holds this target: ${op.requestedBy} started a ${op.action} of ${op.instances.length} instance(s) at ${op.requestedAt}. Pause or cancel the job to act on this target by hand.`;
    return Promise.reject(new ProxyError("DeploymentBusy", message, { blocking: { ...op, jobId: holder.jobId } }));
  }
  if (op.action === req.action && sameInstances(op.instances, req.instances)) {
    if (holder.pending) return holder.pending as Promise<ActionAccepted>;
    if (op.id && !holder.unconfirmed) return Promise.resolve(accepted(op));
  }
  // Anything else is refused: another action, or the same one whose start is unconfirmed (there is
  // no operation to hand back, and repeating it is exactly what the hold prevents).
  const { id, ...rest } = op;
  return Promise.reject(new ProxyError("DeploymentBusy", describeBlocking(holder), { blocking: id ? op : rest, requestId: id || undefined }));
}

/**
 * The POST failed: records why, frees the deployment (or holds it for a while when the action may
 * have started anyway), and returns the error for the caller.
 */
function refused(deps: { tracker: OperationTracker }, tracked: TrackedOperation, err: unknown, what: string): ProxyError {
  const error = toProxyError(err, what, true);
  // Only failures that surely happened before upstream acted are "rejected"; a timeout or a reset
  // mid-reply leaves the outcome unknown, and the audit says so.
  const f = err instanceof UpstreamError ? err.failure : undefined;
  const noId = f?.kind === "malformed" && (f.accepted === true || f.status === 202);
  const unknown = f?.kind === "timeout" || (f?.kind === "unreachable" && f.maybeSent) || noId;
  try {
    deps.tracker.record(tracked.auditId, {
      outcome: unknown ? "unknown" : "rejected",
      error: { code: error.details.upstreamCode ?? error.code, message: error.message },
      finishedAt: new Date().toISOString(),
    });
  } finally {
    const op = tracked.operation;
    const what = `${op.action} of ${op.instances.join(", ")}`;
    if (unknown) {
      deps.tracker.holdUnconfirmed(
        tracked,
        noId
          ? `Azure accepted a ${what} at ${op.requestedAt} but sent no operation id, so Rolecall cannot follow it. Check the deployment before acting again.`
          : `A ${what} may have started at ${op.requestedAt}; Rolecall could not confirm it because ${plainReason(err)}. Check the deployment before acting again.`,
      );
    } else {
      deps.tracker.release(tracked);
    }
  }
  return error;
}
