import type { ActionAccepted, Operation } from "../../shared/domain.ts";
import type { Action, Slot } from "../../shared/names.ts";
import type { AuditStore } from "../audit/store.ts";
import type { Actor } from "../auth/types.ts";
import { ApiError } from "../errors.ts";
import type { ServiceManagementClient } from "../upstream/client.ts";
import { toApiError, UpstreamError } from "../upstream/errors.ts";
import type { UpstreamIdentity } from "../upstream/identity.ts";
import { describeBlocking, plainReason } from "./describe.ts";
import { deploymentKey, type OperationTracker, type TrackedOperation } from "./tracker.ts";

export interface ActionRequest {
  actor: Actor;
  identity: UpstreamIdentity;
  subscription: string;
  service: string;
  slot: Slot;
  instance: string;
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
 * One action per deployment. The lock is taken synchronously, before the first await, so of N
 * concurrent requests exactly one reaches the upstream; identical ones share its result, others get
 * a 409 that names the holder. The audit row is written before the POST leaves (if that write
 * fails, nothing is sent and the caller gets a 500).
 */
export function startAction(
  deps: { client: ServiceManagementClient; audit: AuditStore; tracker: OperationTracker },
  req: ActionRequest,
): Promise<ActionAccepted> {
  const key = deploymentKey(req.subscription, req.service, req.slot);
  const holder = deps.tracker.locks.get(key);
  if (holder) {
    const op = holder.operation;
    // A held deployment whose last action may or may not have started refuses even the same action:
    // there is no operation to hand back, and repeating it is exactly what the hold prevents.
    if (holder.unconfirmed || !(op.action === req.action && sameInstances(op.instances, [req.instance]))) {
      const { id, ...rest } = op;
      return Promise.reject(
        new ApiError(409, "DeploymentBusy", describeBlocking(holder), { blocking: id ? op : rest, ...(id ? { requestId: id } : {}) }),
      );
    }
    return holder.pending ? (holder.pending as Promise<ActionAccepted>) : Promise.resolve(accepted(op));
  }

  const requestedAt = new Date().toISOString();
  const auditId = deps.audit.insert({
    at: requestedAt,
    actor: req.actor.name,
    actorId: req.actor.id,
    action: req.action,
    subscription: req.subscription,
    service: req.service,
    slot: req.slot,
    instances: [req.instance],
  });
  const tracked: TrackedOperation = {
    auditId,
    subscription: req.subscription,
    service: req.service,
    slot: req.slot,
    identity: req.identity,
    operation: {
      id: "",
      status: "InProgress",
      action: req.action,
      instances: [req.instance],
      requestedBy: req.actor.name,
      requestedAt,
      service: req.service,
      slot: req.slot,
    },
  };
  deps.tracker.locks.set(key, tracked);

  const what = `${req.action} ${req.instance} in ${req.service}/${req.slot}`;
  const pending = (async () => {
    let operationId: string;
    try {
      operationId = await deps.client.postAction(req.subscription, req.service, req.slot, req.instance, req.action, req.identity);
    } catch (err) {
      delete tracked.pending;
      throw refused(deps, tracked, err, what);
    }
    // Azure accepted: from here on the operation is tracked and the caller gets 202, whatever else
    // fails (an audit write that fails is logged by the tracker; the poller writes the outcome later).
    tracked.operation.id = operationId;
    delete tracked.pending;
    deps.tracker.track(tracked);
    // Readers should see the transition now, not after the cache expires.
    deps.tracker.invalidate(tracked);
    deps.tracker.record(auditId, { operationId, outcome: "accepted" });
    return accepted(tracked.operation);
  })();
  tracked.pending = pending;
  return pending;
}

/**
 * The POST failed: records why, frees the deployment (or holds it for a while when the action may
 * have started anyway), and returns the error for the caller.
 */
function refused(deps: { tracker: OperationTracker }, tracked: TrackedOperation, err: unknown, what: string): ApiError {
  const error = toApiError(err, what, true);
  // Only failures that surely happened before upstream acted are "rejected"; a timeout or a reset
  // mid-reply leaves the outcome unknown, and the audit says so.
  const f = err instanceof UpstreamError ? err.failure : undefined;
  const noId = f?.kind === "malformed" && f.status === 202;
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
