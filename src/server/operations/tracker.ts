import type { Operation, OperationError } from "../../shared/api.ts";
import { parseTargetPath, targetPath, type TargetRef } from "../../shared/targets.ts";
import type { AuditStore, AuditUpdate } from "../audit/store.ts";
import { backendFor, type Backends, type UpstreamOperation } from "../backends/types.ts";
import type { ReadCache } from "../upstream/cache.ts";
import { UpstreamError } from "../upstream/errors.ts";
import type { UpstreamIdentity } from "../upstream/identity.ts";
import { cacheKeys } from "../reads.ts";
import { operationOfRecord, plainReason, sameIdentity } from "./describe.ts";

export { operationOfRecord, statusOfOutcome } from "./describe.ts";

/** An action Rolecall started whose outcome is not final yet. */
export interface TrackedOperation {
  auditId: number;
  target: TargetRef;
  operation: Operation;
  /** The backend's handle on the operation (e.g. ARM's status URL); absent for classic. */
  handle?: string;
  /** Who polls: the identity the action was sent with (tokens live only in memory). */
  identity: UpstreamIdentity;
  /** Set while the upstream POST is outstanding: duplicates wait on it. */
  pending?: Promise<unknown>;
  /** Polls in a row that failed (upstream down, token refused): the poller backs off. */
  failures?: number;
  /** ISO time of the first of those failed polls: the status is unknown since then. */
  uncheckedSince?: string;
  /** Why the last poll failed, in plain words (for the 409 and the audit). */
  lastFailure?: string;
  /** The latest identity of an operator who read this deployment: tried when the poller's is refused. */
  lent?: UpstreamIdentity;
  /** Retry-After of the last status read: the next poll waits at least this long. */
  retryAfterMs?: number;
  /** Set when this is a rolling job's hold on the target (no operation of its own). */
  jobId?: string;
  /** The POST's outcome is unknown (no operation id): the deployment is held for a while, then freed. */
  unconfirmed?: boolean;
}

export type Log = { info(obj: object, msg: string): void; warn(obj: object, msg: string): void; error(obj: object, msg: string): void };

/** The lock key of a target: its path, lower-cased (Azure's names are case-insensitive). */
const lockKey = (t: TargetRef) => targetPath(t).toLowerCase();

/**
 * Holds the one in-flight operation of each target and polls its status until it ends, whether or
 * not a browser is watching, so the audit record always gets its outcome. The only owner of the
 * lock table: who holds a target is asked and changed through its methods.
 */
export class OperationTracker {
  /** lockKey → the operation holding that target. */
  private readonly locks = new Map<string, TrackedOperation>();
  private readonly timers = new Map<TrackedOperation, NodeJS.Timeout>();
  private closed = false;

  constructor(
    private readonly deps: {
      backends: Backends;
      audit: AuditStore;
      cache: ReadCache;
      pollMs: number;
      /** Identity to poll with for operations found in the audit store at start (tokens are not stored). */
      restartIdentity: UpstreamIdentity;
      log: Log;
      /** Give up polling (outcome "unknown") after this long. */
      maxAgeMs?: number;
      /** Polls in a row that may fail before Rolecall stops holding the deployment (default 5). */
      maxFailures?: number;
      /** How long a deployment stays held after an action whose outcome is unknown (default 3 min). */
      unconfirmedHoldMs?: number;
    },
  ) {}

  /** Re-reads unfinished audit rows after a restart: re-polls those with a request id. */
  resume(): void {
    for (const r of this.deps.audit.open()) {
      if (!r.operationId) {
        // Written before forwarding, but the process stopped before upstream answered: we cannot
        // know whether Azure got it.
        this.record(r.id, {
          outcome: "unknown",
          error: { code: "Interrupted", message: "Rolecall stopped before Azure answered this request. Check the deployment to see whether the action ran." },
          finishedAt: new Date().toISOString(),
        });
        continue;
      }
      // A rolling job's step: the job runner follows it, with the job's hold on the target.
      if (r.jobId) continue;
      const target = parseTargetPath(r.target);
      if (!target) {
        this.deps.log.error({ auditId: r.id, target: r.target }, "an unfinished audit row names no target Rolecall knows; not resumed");
        continue;
      }
      const tracked: TrackedOperation = { auditId: r.id, target, operation: operationOfRecord(r), handle: r.operationHandle, identity: this.deps.restartIdentity };
      this.locks.set(lockKey(target), tracked);
      this.deps.log.info({ operationId: r.operationId, auditId: r.id }, "resuming tracking of an operation started before restart");
      this.schedule(tracked, 0);
    }
  }

  /** The operation holding `target`, if any. */
  holder(target: TargetRef): TrackedOperation | undefined {
    return this.locks.get(lockKey(target));
  }

  /**
   * Takes `target` for `tracked`, or returns who holds it. Synchronous, so of concurrent requests
   * exactly one gets the target.
   */
  acquire(tracked: TrackedOperation): TrackedOperation | undefined {
    const key = lockKey(tracked.target);
    const holder = this.locks.get(key);
    if (holder) return holder;
    this.locks.set(key, tracked);
    return undefined;
  }

  /** Starts polling an accepted operation. */
  track(tracked: TrackedOperation): void {
    this.schedule(tracked, this.deps.pollMs);
  }

  find(operationId: string): TrackedOperation | undefined {
    for (const t of this.locks.values()) if (t.operation.id === operationId) return t;
    return undefined;
  }

  /** The operation holding the target, including one whose start Rolecall could not confirm. */
  inFlight(target: TargetRef): Operation[] {
    const t = this.holder(target);
    return t && (t.operation.id || t.unconfirmed) ? [t.operation] : [];
  }

  /**
   * An operator read this deployment: remember their identity, so that a poller whose own identity
   * is refused (an expired token, none after a restart) can go on with it. Callers must only lend
   * identities that may act on the deployment. A poller that is failing switches now.
   */
  lend(target: TargetRef, identity: UpstreamIdentity): void {
    const t = this.holder(target);
    if (!t || !t.operation.id || t.operation.status !== "InProgress" || sameIdentity(t.identity, identity)) return;
    if (!t.failures) {
      t.lent = identity;
      return;
    }
    // Its next poll (already scheduled) uses it.
    t.identity = identity;
    delete t.lent;
  }

  /** Writes to the audit store; a failure is logged, never thrown: tracking must go on regardless. */
  record(auditId: number, change: AuditUpdate): void {
    try {
      this.deps.audit.update(auditId, change);
    } catch (err) {
      this.deps.log.error({ auditId, change, err: err instanceof Error ? err.message : String(err) }, "could not write to the audit store");
    }
  }

  /** Applies a Get Operation Status result (from the poller or from a browser's read). */
  apply(tracked: TrackedOperation, result: Pick<UpstreamOperation, "status" | "httpStatusCode" | "error" | "retryAfterMs">): void {
    const op = tracked.operation;
    // The status was just read: it is known again.
    tracked.retryAfterMs = result.retryAfterMs;
    delete tracked.failures;
    delete tracked.uncheckedSince;
    delete tracked.lastFailure;
    if (result.status === "InProgress") {
      if (op.status !== "InProgress" || this.deps.audit.get(tracked.auditId)?.outcome !== "InProgress") {
        this.record(tracked.auditId, { outcome: "InProgress" });
      }
      return;
    }
    this.finish(tracked, { status: result.status, httpStatusCode: result.httpStatusCode, error: result.error });
  }

  private finish(tracked: TrackedOperation, end: { status: "Succeeded" | "Failed"; httpStatusCode?: number; error?: OperationError; unknown?: boolean }) {
    if (tracked.operation.status !== "InProgress") return; // the poller and a browser's read may both see the end
    const finishedAt = new Date().toISOString();
    const op = tracked.operation;
    op.status = end.status;
    op.finishedAt = finishedAt;
    if (end.httpStatusCode !== undefined) op.httpStatusCode = end.httpStatusCode;
    if (end.error) op.error = end.error;
    this.record(tracked.auditId, { outcome: end.unknown ? "unknown" : end.status, finishedAt, httpStatusCode: end.httpStatusCode, error: end.error });
    this.release(tracked);
    this.deps.log.info({ operationId: tracked.operation.id, status: end.status }, "operation finished");
  }

  /** Frees the target held by `tracked` and forgets cached reads of it. */
  release(tracked: TrackedOperation): void {
    const key = lockKey(tracked.target);
    if (this.locks.get(key) === tracked) this.locks.delete(key);
    const timer = this.timers.get(tracked);
    if (timer) clearTimeout(timer);
    this.timers.delete(tracked);
    this.invalidate(tracked);
  }

  /** Forgets cached reads of the target `tracked` acts on, so viewers see its change now. */
  invalidate(tracked: Pick<TrackedOperation, "target">): void {
    for (const fragment of cacheKeys.affectedBy(tracked.target)) this.deps.cache.invalidate(fragment);
  }

  /**
   * The action's POST timed out (or was cut off): Azure may or may not have started it, and there is
   * no operation id to ask about. Decision: hold the deployment for a bounded time rather than free
   * it at once, so that nobody fires a second action at a deployment that may be mid-reimage (Azure
   * would refuse it with a 409 at best); forever would be worse, since nothing will ever confirm the
   * outcome. After `unconfirmedHoldMs` the deployment is free again.
   */
  holdUnconfirmed(tracked: TrackedOperation, message: string): void {
    tracked.unconfirmed = true;
    tracked.operation.error = { code: "OutcomeUnknown", message };
    if (this.closed) return;
    const timer = setTimeout(() => this.release(tracked), this.deps.unconfirmedHoldMs ?? 180_000);
    timer.unref();
    this.timers.set(tracked, timer);
  }

  private schedule(tracked: TrackedOperation, delayMs: number) {
    if (this.closed) return;
    const previous = this.timers.get(tracked);
    if (previous) clearTimeout(previous);
    const timer = setTimeout(() => void this.poll(tracked), delayMs);
    timer.unref(); // tracking must not keep a finished process alive; close() stops it anyway
    this.timers.set(tracked, timer);
  }

  private async poll(tracked: TrackedOperation) {
    const op = tracked.operation;
    try {
      const result = await backendFor(this.deps.backends, tracked.target.kind).readOperation(tracked.target, { id: op.id, handle: tracked.handle }, tracked.identity);
      this.apply(tracked, result);
    } catch (err) {
      const f = err instanceof UpstreamError ? err.failure : undefined;
      if (f?.kind === "http" && f.status === 404) {
        this.finish(tracked, { status: "Failed", unknown: true, error: { code: "OperationNotFound", message: "Azure no longer knows this operation, so its outcome is unknown. Check the deployment." } });
        return;
      }
      tracked.failures = (tracked.failures ?? 0) + 1;
      tracked.uncheckedSince ??= new Date().toISOString();
      tracked.lastFailure = plainReason(err);
      this.deps.log.warn({ operationId: op.id, failures: tracked.failures, err: err instanceof Error ? err.message : String(err) }, "polling operation status failed");
      const refused = f?.kind === "http" && (f.status === 401 || f.status === 403);
      if (refused && tracked.lent) {
        // Someone who may act read the deployment since: go on with their identity.
        tracked.identity = tracked.lent;
        delete tracked.lent;
      } else if (refused || tracked.failures >= (this.deps.maxFailures ?? 5)) {
        this.giveUp(tracked);
        return;
      }
    }
    if (op.status !== "InProgress" || this.holder(tracked.target) !== tracked) return;
    const age = Date.now() - Date.parse(op.requestedAt);
    if (age > (this.deps.maxAgeMs ?? 6 * 3600_000)) {
      this.finish(tracked, { status: "Failed", unknown: true, error: { code: "TrackingTimedOut", message: "Rolecall stopped waiting for this operation after 6 hours. Check the deployment." } });
      return;
    }
    // After failures, wait longer each time (up to a minute) rather than hammer a refusing upstream;
    // and never sooner than the upstream asked (Retry-After on the status read, up to a minute).
    const backoff = Math.min(60_000, this.deps.pollMs * 2 ** Math.min(tracked.failures ?? 0, 10));
    this.schedule(tracked, Math.max(this.deps.pollMs, backoff, Math.min(60_000, tracked.retryAfterMs ?? 0)));
  }

  /**
   * Rolecall cannot read this operation's status (its credentials are refused, or Azure keeps
   * failing): holding the deployment would block every action for hours with nothing a person can
   * do about it. Free it and record the outcome as unknown; Azure's own 409 still refuses a second
   * operation while this one runs.
   */
  private giveUp(tracked: TrackedOperation) {
    this.finish(tracked, {
      status: "Failed",
      unknown: true,
      error: {
        code: "StatusUnknown",
        message: `Rolecall could not check this operation's status: ${tracked.lastFailure ?? "unknown reason"}. Check the deployment to see how it ended.`,
      },
    });
  }

  close(): void {
    this.closed = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}
