import { KeyedQueue } from "../keyed-queue.ts";
import type { Operation, OperationError } from "../../shared/api.ts";
import { targetPath, type TargetRef } from "../../shared/targets.ts";
import type { AuditUpdate } from "../audit/store.ts";
import type { UpstreamOperation } from "../backends/types.ts";
import { cacheKeys } from "../reads.ts";
import type { UpstreamIdentity } from "../upstream/identity.ts";
import { holdIdOf, holdOf, keyOf, leaseOf, sameIdentity, shownOperation } from "./describe.ts";
import { pollStatus } from "./poll-status.ts";
import { checkUnconfirmed, scanOperations } from "./recovery.ts";
import type { TrackedOperation, TrackerDeps } from "./tracked.ts";

export type { Log, TrackedOperation, TrackerDeps } from "./tracked.ts";

/**
 * Follows actions to their end, whether or not a browser is watching, so every audit row gets its
 * outcome. The store's holds say who holds a target (for every replica); this replica follows the
 * operations whose lease it owns, renewing the lease at each poll, and a periodic scan (recovery.ts)
 * takes over operations whose follower stopped (a killed replica) and actions a crash left unresolved.
 */
export class OperationTracker {
  /** auditId → an operation this replica follows. */
  private readonly local = new Map<number, TrackedOperation>();
  private readonly timers = new Map<number, NodeJS.Timeout>();
  private readonly renewedAt = new Map<number, number>();
  /** Per target: the tail of this replica's requests deciding who sends (see exclusive). */
  private readonly deciding = new KeyedQueue();
  private scanTimer: NodeJS.Timeout | undefined;
  private scanning: Promise<void> | undefined;
  closed = false;

  constructor(readonly deps: TrackerDeps) {}

  /** Takes over what nobody follows now (after a restart: what this process left), then keeps looking. */
  async start(): Promise<void> {
    await this.scan();
    const timer = setInterval(() => void this.scan(), this.deps.scanMs);
    timer.unref();
    this.scanTimer = timer;
  }

  /** One pass of the scan; never two at once, and a failure is logged (the next pass tries again). */
  scan(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.scanning ??= scanOperations(this)
      .catch((err: unknown) => this.deps.log.warn({ err: err instanceof Error ? err.message : String(err) }, "scanning for operations to take over failed"))
      .finally(() => (this.scanning = undefined));
    return this.scanning;
  }

  /**
   * Runs `fn` after this replica's earlier calls for the same target have settled: its duplicates
   * then find the first request's hold instead of each writing an audit row to lose the race in the store.
   */
  exclusive<T>(target: TargetRef, fn: () => Promise<T>): Promise<T> {
    return this.deciding.run(keyOf(target), fn);
  }

  isLocal(auditId: number): boolean {
    return this.local.has(auditId);
  }

  /** The operation this replica follows on `target`, if any. */
  localOn(target: TargetRef): TrackedOperation | undefined {
    const key = keyOf(target);
    for (const t of this.local.values()) if (keyOf(t.target) === key) return t;
    return undefined;
  }

  /** An operation this replica follows, by its upstream id. */
  find(operationId: string): TrackedOperation | undefined {
    for (const t of this.local.values()) if (t.operation.id === operationId) return t;
    return undefined;
  }

  /** The operation holding `target` (from the store: the same on every replica). */
  async inFlight(target: TargetRef): Promise<Operation[]> {
    const op = shownOperation(await this.deps.store.holds.get(targetPath(target)));
    return op ? [op] : [];
  }

  /** Registers an operation this replica now follows (its lease taken), polling it after `delayMs`. */
  follow(tracked: TrackedOperation, delayMs = this.deps.pollMs): void {
    this.local.set(tracked.auditId, tracked);
    this.renewedAt.set(tracked.auditId, Date.now());
    if (!tracked.pending) this.schedule(tracked, delayMs);
  }

  /** Takes the operation's lease (before its POST leaves); false when another replica has it. */
  async lease(tracked: TrackedOperation): Promise<boolean> {
    const ok = await this.deps.store.leases.acquire(leaseOf(tracked.auditId), this.deps.replicaId, this.deps.leaseMs);
    if (ok) this.renewedAt.set(tracked.auditId, Date.now());
    return ok;
  }

  /**
   * Keeps the lease while this replica works on the operation: renewed once a third of it has passed
   * (not at every fast poll). False when it was lost (this process stalled past it and another
   * replica took over): then this replica must stop following it.
   */
  async keepLease(tracked: TrackedOperation): Promise<boolean> {
    const last = this.renewedAt.get(tracked.auditId) ?? 0;
    if (Date.now() - last < this.deps.leaseMs / 3) return true;
    const ok = await this.deps.store.leases.renew(leaseOf(tracked.auditId), this.deps.replicaId, this.deps.leaseMs);
    if (ok) this.renewedAt.set(tracked.auditId, Date.now());
    return ok;
  }

  /**
   * An operator read this target: remember their identity, so that a poller whose own identity is
   * refused (an expired token, none after a restart) can go on with it. A failing poller switches now.
   */
  lend(target: TargetRef, identity: UpstreamIdentity): void {
    const t = this.localOn(target);
    if (!t || !t.operation.id || t.operation.status !== "InProgress" || sameIdentity(t.identity, identity)) return;
    if (!t.failures) {
      t.lent = identity;
      return;
    }
    t.identity = identity;
    delete t.lent;
  }

  /** Writes to the audit; a failure is logged, never thrown: tracking must go on regardless. */
  async record(auditId: number, change: AuditUpdate): Promise<void> {
    try {
      await this.deps.store.audit.update(auditId, change);
    } catch (err) {
      this.deps.log.error({ auditId, change, err: err instanceof Error ? err.message : String(err) }, "could not write to the audit store");
    }
  }

  /** Rewrites the operation's hold (its id, failures, unconfirmed); a failure is logged. */
  async saveHold(tracked: TrackedOperation, ttlMs?: number): Promise<boolean> {
    try {
      const saved = await this.deps.store.holds.save(targetPath(tracked.target), holdOf(tracked), ttlMs);
      if (!saved) this.deps.log.warn({ auditId: tracked.auditId }, "the operation's hold was gone when Rolecall went to update it");
      return saved;
    } catch (err) {
      this.deps.log.error({ auditId: tracked.auditId, err: err instanceof Error ? err.message : String(err) }, "could not write the operation's hold");
      return false;
    }
  }

  /** Applies a Get Operation Status result (from the poller or from a browser's read). */
  async apply(tracked: TrackedOperation, result: Pick<UpstreamOperation, "status" | "httpStatusCode" | "error" | "retryAfterMs">): Promise<void> {
    tracked.retryAfterMs = result.retryAfterMs;
    const wasUnchecked = tracked.uncheckedSince !== undefined;
    delete tracked.failures;
    delete tracked.uncheckedSince;
    delete tracked.lastFailure;
    if (result.status === "InProgress") {
      if (wasUnchecked) await this.saveHold(tracked);
      if (!tracked.recordedInProgress) {
        tracked.recordedInProgress = true;
        await this.record(tracked.auditId, { outcome: "InProgress" });
      }
      return;
    }
    await this.finish(tracked, { status: result.status, httpStatusCode: result.httpStatusCode, error: result.error });
  }

  async finish(tracked: TrackedOperation, end: { status: "Succeeded" | "Failed"; httpStatusCode?: number; error?: OperationError; unknown?: boolean }): Promise<void> {
    if (tracked.operation.status !== "InProgress") return; // the poller and a browser's read may both see the end
    const finishedAt = new Date().toISOString();
    const op = tracked.operation;
    op.status = end.status;
    op.finishedAt = finishedAt;
    if (end.httpStatusCode !== undefined) op.httpStatusCode = end.httpStatusCode;
    if (end.error) op.error = end.error;
    // The outcome first: a crash between the two leaves a hold whose row is final, which the scan frees.
    await this.record(tracked.auditId, { outcome: end.unknown ? "unknown" : end.status, finishedAt, httpStatusCode: end.httpStatusCode, error: end.error });
    await this.release(tracked);
    this.deps.metrics?.operationEnded(end.unknown ? "unknown" : end.status);
    this.deps.log.info({ operationId: tracked.operation.id, status: end.status }, "operation finished");
  }

  /** Frees the target held by `tracked`, stops following it, and forgets cached reads of it. */
  async release(tracked: TrackedOperation): Promise<void> {
    this.forget(tracked);
    try {
      await this.deps.store.holds.release(targetPath(tracked.target), holdIdOf(tracked.auditId));
    } catch (err) {
      this.deps.log.error({ auditId: tracked.auditId, err: err instanceof Error ? err.message : String(err) }, "could not free the target in the store; the scan frees it later");
    }
    await this.deps.store.leases.release(leaseOf(tracked.auditId), this.deps.replicaId).catch(() => undefined);
    this.invalidate(tracked);
  }

  /** Stops following `tracked` here, leaving its hold and lease as they are (another replica has it now). */
  forget(tracked: TrackedOperation): void {
    if (this.local.get(tracked.auditId) === tracked) this.local.delete(tracked.auditId);
    const timer = this.timers.get(tracked.auditId);
    if (timer) clearTimeout(timer);
    this.timers.delete(tracked.auditId);
    this.renewedAt.delete(tracked.auditId);
  }

  /** Forgets cached reads of the target `tracked` acts on, so viewers see its change now. */
  invalidate(tracked: Pick<TrackedOperation, "target">): void {
    for (const fragment of cacheKeys.affectedBy(tracked.target)) this.deps.cache.invalidate(fragment);
  }

  /**
   * The POST's outcome is unknown (a timeout, a reply cut off, a crash before the answer): Azure
   * may have started it and there is no operation id to ask about. The target stays held, said
   * plainly, until Azure shows nothing running on it (checked at each poll once `settleMs` passed),
   * and while Azure shows it busy (each such read extends the hold); at most `unconfirmedHoldMs`
   * past the last read that could tell (the hold's time to live in the store): nothing will ever
   * confirm the outcome, and holding forever would block the target with nothing a person can do.
   */
  async holdUnconfirmed(tracked: TrackedOperation, message: string, fresh = true): Promise<void> {
    tracked.unconfirmed = true;
    tracked.operation.error = { code: "OutcomeUnknown", message };
    if (fresh) await this.saveHold(tracked, this.deps.unconfirmedHoldMs ?? 180_000);
    this.follow(tracked, this.deps.pollMs);
  }

  schedule(tracked: TrackedOperation, delayMs: number): void {
    if (this.closed) return;
    const previous = this.timers.get(tracked.auditId);
    if (previous) clearTimeout(previous);
    const timer = setTimeout(() => void this.poll(tracked), delayMs);
    timer.unref(); // tracking must not keep a finished process alive; close() stops it anyway
    this.timers.set(tracked.auditId, timer);
  }

  /** The next poll's delay: longer after failures (up to a minute), never sooner than Retry-After. */
  nextDelay(tracked: TrackedOperation): number {
    const backoff = Math.min(60_000, this.deps.pollMs * 2 ** Math.min(tracked.failures ?? 0, 10));
    return Math.max(this.deps.pollMs, backoff, Math.min(60_000, tracked.retryAfterMs ?? 0));
  }

  private async poll(tracked: TrackedOperation): Promise<void> {
    this.timers.delete(tracked.auditId);
    if (this.closed || this.local.get(tracked.auditId) !== tracked) return;
    try {
      if (!(await this.keepLease(tracked))) {
        this.deps.log.warn({ auditId: tracked.auditId }, "another replica took over following this operation");
        this.forget(tracked);
        return;
      }
      if (tracked.unconfirmed) {
        if (await checkUnconfirmed(this, tracked)) this.schedule(tracked, this.nextDelay(tracked));
        return;
      }
      await pollStatus(this, tracked);
    } catch (err) {
      // The store did not answer: keep the lease's chance and try again.
      this.deps.log.warn({ auditId: tracked.auditId, err: err instanceof Error ? err.message : String(err) }, "following an operation failed; trying again");
      tracked.failures = (tracked.failures ?? 0) + 1;
    }
    if (this.local.get(tracked.auditId) === tracked && tracked.operation.status === "InProgress" && !this.timers.has(tracked.auditId)) {
      this.schedule(tracked, this.nextDelay(tracked));
    }
  }

  /** Stops polling and scanning, and hands this replica's leases back so another replica takes over at once. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.scanTimer) clearInterval(this.scanTimer);
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    await this.scanning;
    const mine = [...this.local.values()].filter((t) => !t.pending);
    await Promise.all(mine.map((t) => this.deps.store.leases.release(leaseOf(t.auditId), this.deps.replicaId).catch(() => undefined)));
    this.local.clear();
  }
}
