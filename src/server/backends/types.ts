import type { CloudService, Deployment, Operation, Subscription } from "../../shared/api.ts";
import type { Action } from "../../shared/names.ts";
import type { TargetKind, TargetRef } from "../../shared/targets.ts";
import type { UpstreamIdentity } from "../upstream/identity.ts";

// The seam between Rolecall and its upstreams (DESIGN.md §1): one Backend per upstream kind.
// Routes, locks, the tracker and the audit use only this; each backend maps its own wire failures
// into the UpstreamFailure union (upstream/errors.ts).

/** A target as read from upstream, before the proxy adds fetchedAt and inFlight. */
export type TargetData = Omit<Deployment, "fetchedAt" | "inFlight">;

/** What Rolecall learns from one status read of an operation it started. */
export type UpstreamOperation = Pick<Operation, "id" | "status" | "httpStatusCode" | "error">;

/** The calling request's logger: a shared upstream call logs (retries) with the request that started it. */
export type Log = { warn(obj: object, msg: string): void };

export interface Backend<Summary = unknown> {
  readonly kind: TargetKind;
  /**
   * How many instances one upstream action call may name. 1 where the upstream has no batch call
   * (classic: one operation per instance); jobs split their steps accordingly.
   */
  readonly maxInstancesPerCall: number;
  /** The targets of this kind in a subscription, as the list page shows them. */
  listTargets(sub: string, identity: UpstreamIdentity, log?: Log): Promise<Summary[]>;
  readTarget(target: TargetRef, identity: UpstreamIdentity, log?: Log): Promise<TargetData>;
  /**
   * Sends `action` for exactly `instances` (never empty; at most maxInstancesPerCall) and resolves
   * with the upstream's operation id. Never retried.
   */
  startAction(target: TargetRef, action: Action, instances: readonly string[], identity: UpstreamIdentity): Promise<string>;
  readOperation(target: TargetRef, operationId: string, identity: UpstreamIdentity, log?: Log): Promise<UpstreamOperation>;
}

/** Subscriptions as the upstream account sees them (names for the header, a user's access check). */
export interface SubscriptionDirectory {
  listSubscriptions(identity: UpstreamIdentity, log?: Log): Promise<Subscription[]>;
  getSubscription(sub: string, identity: UpstreamIdentity, log?: Log): Promise<Subscription>;
}

/** Every configured backend, by kind. Only classic exists today; the others arrive with their issues. */
export interface Backends {
  classic: Backend<CloudService>;
}

export function backendFor(backends: Backends, kind: TargetKind): Backend {
  const backend = (backends as Partial<Record<TargetKind, Backend>>)[kind];
  if (!backend) throw new Error(`no backend for targets of kind ${kind}`);
  return backend;
}
