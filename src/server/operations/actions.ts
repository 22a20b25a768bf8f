import type { ActionAccepted, Operation } from "../../shared/domain.ts";
import type { Action, Slot } from "../../shared/names.ts";
import type { AuditStore } from "../audit/store.ts";
import type { Actor } from "../auth/types.ts";
import { ApiError } from "../errors.ts";
import type { ServiceManagementClient } from "../upstream/client.ts";
import { toApiError, UpstreamError } from "../upstream/errors.ts";
import type { UpstreamIdentity } from "../upstream/identity.ts";
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

function describeBlocking(op: Operation): string {
  const what = `${op.action} of ${op.instances.join(", ")}`;
  return op.id
    ? `This deployment is busy: ${op.requestedBy} started a ${what} at ${op.requestedAt} (operation ${op.id}). Wait for it to finish, then try again.`
    : `This deployment is busy: ${op.requestedBy} is starting a ${what} (requested at ${op.requestedAt}). Wait for it to finish, then try again.`;
}

/**
 * One action per deployment. The lock is taken synchronously, before the first await, so of N
 * concurrent requests exactly one reaches the upstream; identical ones share its result, others get
 * a 409 that names the holder. The audit row is written before the POST leaves.
 */
export function startAction(
  deps: { client: ServiceManagementClient; audit: AuditStore; tracker: OperationTracker },
  req: ActionRequest,
): Promise<ActionAccepted> {
  const key = deploymentKey(req.subscription, req.service, req.slot);
  const holder = deps.tracker.locks.get(key);
  if (holder) {
    const op = holder.operation;
    if (op.action === req.action && sameInstances(op.instances, [req.instance])) {
      return holder.pending ? (holder.pending as Promise<ActionAccepted>) : Promise.resolve(accepted(op));
    }
    const { id, ...rest } = op;
    return Promise.reject(
      new ApiError(409, "DeploymentBusy", describeBlocking(op), { blocking: id ? op : rest, ...(id ? { requestId: id } : {}) }),
    );
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
    try {
      const operationId = await deps.client.postAction(req.subscription, req.service, req.slot, req.instance, req.action, req.identity);
      tracked.operation.id = operationId;
      deps.audit.update(auditId, { operationId, outcome: "accepted" });
      delete tracked.pending;
      deps.tracker.track(tracked);
      // Readers should see the transition now, not after the cache expires.
      deps.tracker.invalidate(tracked);
      return accepted(tracked.operation);
    } catch (err) {
      const error = toApiError(err, what, true);
      // Only failures that surely happened before upstream acted are "rejected"; a timeout or a
      // reset mid-reply leaves the outcome unknown, and the audit says so.
      const f = err instanceof UpstreamError ? err.failure : undefined;
      const unknown = f?.kind === "timeout" || (f?.kind === "unreachable" && f.maybeSent) || (f?.kind === "malformed" && f.status === 202);
      deps.audit.update(auditId, {
        outcome: unknown ? "unknown" : "rejected",
        error: { code: error.details.upstreamCode ?? error.code, message: error.message },
        finishedAt: new Date().toISOString(),
      });
      deps.tracker.release(tracked);
      throw error;
    }
  })();
  tracked.pending = pending;
  return pending;
}
