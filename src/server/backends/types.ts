import type { ArmTargetSummary, CloudService, Deployment, Operation, Subscription } from "../../shared/api.ts";
import type { Action } from "../../shared/names.ts";
import type { TargetKind, TargetRef } from "../../shared/targets.ts";
import type { UpstreamIdentity } from "../upstream/identity.ts";

// The seam between Rolecall and its upstreams (DESIGN.md §1): one Backend per upstream kind.
// Routes, locks, the tracker and the audit use only this; each backend maps its own wire failures
// into the UpstreamFailure union (upstream/errors.ts).

/** A target as read from upstream, before the proxy adds fetchedAt and inFlight. */
export type TargetData = Omit<Deployment, "fetchedAt" | "inFlight">;

/**
 * What Rolecall learns from one status read of an operation it started; `retryAfterMs`: how long
 * the upstream asked pollers to wait before the next read.
 */
export type UpstreamOperation = Pick<Operation, "id" | "status" | "httpStatusCode" | "error"> & { retryAfterMs?: number };

/** The calling request's logger: a shared upstream call logs (retries) with the request that started it. */
export type Log = { warn(obj: object, msg: string): void };

export interface Backend<Summary = unknown> {
  readonly kind: TargetKind;
  /**
   * How many instances one upstream action call may name. 1 where the upstream has no batch call
   * (classic: one operation per instance); jobs split their steps accordingly.
   */
  readonly maxInstancesPerCall: number;
  /**
   * True when readTarget may mark instances `protectedFromActions` (scale sets). A single action on
   * such a target first reads it (through the cache) so that a protected instance, or one that is not
   * there, is refused before anything is recorded or sent; other kinds are spared that read.
   */
  readonly marksProtectedInstances?: boolean;
  /** The cache partition of `identity`'s reads from this upstream: data read for one user never serves another. */
  partition(identity: UpstreamIdentity): string;
  /** The targets of this kind in a subscription, as the list page shows them. */
  listTargets(sub: string, identity: UpstreamIdentity, log?: Log): Promise<Summary[]>;
  readTarget(target: TargetRef, identity: UpstreamIdentity, log?: Log): Promise<TargetData>;
  /**
   * Sends `action` for exactly `instances` (never empty; at most maxInstancesPerCall) and resolves
   * with the upstream's operation. Never retried.
   */
  startAction(target: TargetRef, action: Action, instances: readonly string[], identity: UpstreamIdentity): Promise<StartedOperation>;
  readOperation(target: TargetRef, operation: StartedOperation, identity: UpstreamIdentity, log?: Log): Promise<UpstreamOperation>;
  /**
   * Whether the upstream holds the target for an operation right now (classic: Get Deployment's
   * `Locked`). Where absent, the instances' states say it (ARM's instance views).
   */
  isLocked?(target: TargetRef, identity: UpstreamIdentity, log?: Log): Promise<boolean>;
}

/**
 * An operation the upstream accepted. `id` is 32 lowercase hex (it names the operation in /api);
 * `handle` is what the backend needs to read its status later (ARM: the Azure-AsyncOperation URL),
 * kept in the store so that tracking survives a restart.
 */
export interface StartedOperation {
  id: string;
  handle?: string;
}

/** Subscriptions as the upstream account sees them (names for the header, a user's access check). */
export interface SubscriptionDirectory {
  listSubscriptions(identity: UpstreamIdentity, log?: Log): Promise<Subscription[]>;
  getSubscription(sub: string, identity: UpstreamIdentity, log?: Log): Promise<Subscription>;
}

/** Every configured backend, by kind; an upstream that is off has none. */
export interface Backends {
  classic?: Backend<CloudService>;
  extended?: Backend<ArmTargetSummary>;
  scaleset?: Backend<ArmTargetSummary>;
}

export function backendFor(backends: Backends, kind: TargetKind): Backend {
  const backend = (backends as Partial<Record<TargetKind, Backend>>)[kind];
  if (!backend) throw new Error(`no backend for targets of kind ${kind}`);
  return backend;
}
