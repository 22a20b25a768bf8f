import type { ActionAccepted } from "../../shared/api.ts";
import type { Action } from "../../shared/names.ts";
import { targetLabel, targetPath, type TargetRef } from "../../shared/targets.ts";
import type { Actor } from "../auth/types.ts";
import { backendFor, type Backends, type StartedOperation } from "../backends/types.ts";
import type { ProxyError } from "../errors.ts";
import { toProxyError, UpstreamError } from "../upstream/errors.ts";
import type { UpstreamIdentity } from "../upstream/identity.ts";
import { accepted, holdOf, plainReason } from "./describe.ts";
import { whileRenewing } from "../store/while-renewing.ts";
import { joinHolder } from "./join.ts";
import type { OperationTracker, TrackedOperation } from "./tracker.ts";

export interface ActionRequest {
  actor: Actor;
  identity: UpstreamIdentity;
  target: TargetRef;
  /** Exactly the instances to act on: never empty (upstream, an empty list means every instance). */
  instances: string[];
  action: Action;
  /** The person's reason or ticket, kept in the audit row. */
  reason?: string | undefined;
}

type Decision = { joined: Promise<ActionAccepted> } | { sent: Promise<ActionAccepted> };

/**
 * One action per target, across every replica: the audit row, then the target's hold in the store,
 * both before the POST leaves, so of any number of concurrent requests on any replicas exactly one
 * reaches the upstream; identical ones get its operation back, others a 409 naming the holder. If
 * either write fails, nothing is sent and the caller gets a 500.
 */
export async function startAction(deps: { backends: Backends; tracker: OperationTracker }, req: ActionRequest): Promise<ActionAccepted> {
  // Checked here, not only by the routes: an empty list would reach a batch endpoint as "all".
  if (req.instances.length === 0) throw new Error("an action must name at least one instance");
  const { tracker } = deps;
  const { store, metrics } = tracker.deps;
  const path = targetPath(req.target);

  const decision = await tracker.exclusive<Decision>(req.target, async () => {
    // A POST of this replica still on its way: its duplicates share its promise, refusal included.
    // Anything else is asked of the store, where holds end (an unconfirmed one's time runs out there).
    const mine = tracker.localOn(req.target);
    if (mine?.pending) return { joined: joinHolder(tracker, holdOf(mine), req, mine.pending) };
    const held = await store.holds.get(path);
    if (held) return { joined: joinHolder(tracker, held, req) };

    const requestedAt = new Date().toISOString();
    const auditId = await store.audit.insert({
      at: requestedAt,
      actor: req.actor.name,
      actorId: req.actor.id,
      action: req.action,
      subscription: req.target.subscription,
      target: path,
      instances: req.instances,
      reason: req.reason,
    });
    const tracked: TrackedOperation = {
      auditId,
      actorId: req.actor.id,
      target: req.target,
      identity: req.identity,
      operation: { id: "", status: "InProgress", action: req.action, instances: req.instances, requestedBy: req.actor.name, requestedAt, target: path },
    };
    const taken = await store.holds.acquire(path, holdOf(tracked));
    if (!taken.acquired) {
      // Another replica took the target between our look and our write: this row never left.
      await tracker.record(auditId, {
        outcome: "rejected",
        error: { code: "DeploymentBusy", message: `Not sent: ${taken.holder.operation.requestedBy}'s ${taken.holder.operation.action} held the target (${taken.holder.id}).` },
        finishedAt: new Date().toISOString(),
      });
      return { joined: joinHolder(tracker, taken.holder, req) };
    }
    tracked.pending = send(deps, tracked);
    tracker.follow(tracked);
    return { sent: tracked.pending };
  });
  const result = "sent" in decision ? decision.sent : decision.joined;
  if ("joined" in decision) void result.then(() => metrics?.action("duplicate"), () => metrics?.action("refused"));
  return result;
}

/** Sends the POST under the hold (and the operation's lease) and records what came of it. */
async function send(deps: { backends: Backends; tracker: OperationTracker }, tracked: TrackedOperation): Promise<ActionAccepted> {
  const { tracker } = deps;
  const { metrics, log, leaseMs } = tracker.deps;
  const op = tracked.operation;
  if (!(await tracker.lease(tracked))) log.warn({ auditId: tracked.auditId }, "another replica holds the lease of an action about to be sent; sending under the hold");
  let started: StartedOperation;
  try {
    // The POST may take up to the upstream timeout: the lease must outlive it.
    started = await whileRenewing(leaseMs, () => tracker.keepLease(tracked), () => backendFor(deps.backends, tracked.target.kind).startAction(tracked.target, op.action, op.instances, tracked.identity));
  } catch (err) {
    delete tracked.pending;
    throw await refused(tracker, tracked, err, `${op.action} ${op.instances.join(", ")} in ${targetLabel(tracked.target)}`);
  }
  // Azure accepted: from here on the caller gets 202, whatever else fails (a store write that fails
  // is logged; the scan and the poller bring the records in line). The hold first: the duplicates
  // of every replica are waiting for its operation id.
  op.id = started.id;
  tracked.handle = started.handle;
  delete tracked.pending;
  await tracker.saveHold(tracked);
  await tracker.record(tracked.auditId, { operationId: started.id, operationHandle: started.handle, outcome: "accepted" });
  tracker.invalidate(tracked);
  tracker.schedule(tracked, tracker.deps.pollMs);
  metrics?.action("accepted");
  return accepted(op);
}

/**
 * The POST failed: records why, frees the target (or holds it, unconfirmed, when the action may
 * have started anyway), and returns the error for the caller.
 */
async function refused(tracker: OperationTracker, tracked: TrackedOperation, err: unknown, what: string): Promise<ProxyError> {
  const error = toProxyError(err, what, true);
  // Only failures that surely happened before upstream acted are "rejected"; a timeout or a reset
  // mid-reply leaves the outcome unknown, and the audit says so.
  const f = err instanceof UpstreamError ? err.failure : undefined;
  const noId = f?.kind === "malformed" && (f.accepted === true || f.status === 202);
  const unknown = f?.kind === "timeout" || (f?.kind === "unreachable" && f.maybeSent) || noId;
  tracker.deps.metrics?.action(unknown ? "unknown" : "rejected");
  await tracker.record(tracked.auditId, {
    outcome: unknown ? "unknown" : "rejected",
    error: { code: error.details.upstreamCode ?? error.code, message: error.message },
    finishedAt: new Date().toISOString(),
  });
  const op = tracked.operation;
  const action = `${op.action} of ${op.instances.join(", ")}`;
  if (unknown) {
    await tracker.holdUnconfirmed(
      tracked,
      noId
        ? `Azure accepted a ${action} at ${op.requestedAt} but sent no operation id, so Rolecall cannot follow it. Check the deployment before acting again.`
        : `A ${action} may have started at ${op.requestedAt}; Rolecall could not confirm it because ${plainReason(err)}. Check the deployment before acting again.`,
    );
  } else {
    await tracker.release(tracked);
  }
  return error;
}
