import type { ActionAccepted, Operation } from "../../shared/api.ts";
import type { TargetRef } from "../../shared/targets.ts";
import type { Backends } from "../backends/types.ts";
import type { Metrics } from "../metrics.ts";
import type { Store } from "../store/types.ts";
import type { ReadCache } from "../upstream/cache.ts";
import type { UpstreamIdentity } from "../upstream/identity.ts";

/** An action this replica follows (it sent it, or took it over): its hold and audit row are in the store. */
export interface TrackedOperation {
  auditId: number;
  actorId: string;
  target: TargetRef;
  operation: Operation;
  /** The backend's handle on the operation (e.g. ARM's status URL); absent for classic. */
  handle?: string;
  /** Who polls: the identity the action was sent with (tokens live only in memory). */
  identity: UpstreamIdentity;
  /** Set while the upstream POST is outstanding: duplicates on this replica wait on it. */
  pending?: Promise<ActionAccepted>;
  /** Polls in a row that failed (upstream down, token refused): the poller backs off. */
  failures?: number;
  /** ISO time of the first of those failed polls: the status is unknown since then. */
  uncheckedSince?: string;
  /** Why the last poll failed, in plain words (for the 409 and the audit). */
  lastFailure?: string;
  /** The latest identity of an operator who read this target: tried when the poller's is refused. */
  lent?: UpstreamIdentity;
  /** Retry-After of the last status read: the next poll waits at least this long. */
  retryAfterMs?: number;
  /** Whether the POST reached Azure is unknown (no operation id): held until Azure's state settles it. */
  unconfirmed?: boolean;
  /** The audit row says InProgress already (spares a write per poll). */
  recordedInProgress?: boolean;
}

export type Log = { info(obj: object, msg: string): void; warn(obj: object, msg: string): void; error(obj: object, msg: string): void };

export interface TrackerDeps {
  backends: Backends;
  store: Store;
  cache: ReadCache;
  pollMs: number;
  /** Identity to poll with for operations taken over from the store (tokens are not stored). */
  restartIdentity: UpstreamIdentity;
  log: Log;
  /** This process among the replicas: the owner name of its leases. */
  replicaId: string;
  /** How long a lease on an operation lasts unrenewed: after that another replica takes it over. */
  leaseMs: number;
  /** How often every replica looks for operations nobody follows. */
  scanMs: number;
  /** Before this long after the request, Azure showing nothing running does not settle an unconfirmed action (a late request may still start). */
  settleMs: number;
  /** How long a duplicate waits for another replica's POST to be answered (about the upstream timeout). */
  joinWaitMs: number;
  metrics?: Metrics;
  /** Give up polling (outcome "unknown") after this long. */
  maxAgeMs?: number;
  /** Polls in a row that may fail before Rolecall stops holding the target (default 5). */
  maxFailures?: number;
  /** How long a target stays held at most after an action whose start is unconfirmed (default 3 min). */
  unconfirmedHoldMs?: number;
}
