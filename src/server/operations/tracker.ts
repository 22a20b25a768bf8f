import type { Operation, OperationStatus } from "../../shared/domain.ts";
import type { Slot } from "../../shared/names.ts";
import type { AuditRecord, AuditStore } from "../audit/store.ts";
import type { ReadCache } from "../upstream/cache.ts";
import type { ServiceManagementClient, UpstreamOperation } from "../upstream/client.ts";
import { UpstreamError } from "../upstream/errors.ts";
import type { UpstreamIdentity } from "../upstream/identity.ts";
import { cacheKeys } from "../reads.ts";

/** An action Rolecall started whose outcome is not final yet. */
export interface TrackedOperation {
  auditId: number;
  subscription: string;
  service: string;
  slot: Slot;
  operation: Operation;
  /** Who polls: the identity the action was sent with (tokens live only in memory). */
  identity: UpstreamIdentity;
  /** Set while the upstream POST is outstanding: duplicates wait on it. */
  pending?: Promise<unknown>;
  /** Polls in a row that failed (upstream down, token refused): the poller backs off. */
  failures?: number;
}

type Log = { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };

/** `sub/service/slot`, service lower-cased (names are case-insensitive upstream). */
export const deploymentKey = (sub: string, service: string, slot: Slot) => `${sub}/${service.toLowerCase()}/${slot}`;

export function statusOfOutcome(outcome: AuditRecord["outcome"]): OperationStatus {
  return outcome === "Succeeded" ? "Succeeded" : outcome === "Failed" || outcome === "unknown" || outcome === "rejected" ? "Failed" : "InProgress";
}

/** An audit row as the Operation the API returns. */
export function operationOfRecord(r: AuditRecord): Operation {
  return {
    id: r.operationId ?? "",
    status: statusOfOutcome(r.outcome),
    ...(r.httpStatusCode !== undefined ? { httpStatusCode: r.httpStatusCode } : {}),
    ...(r.error ? { error: r.error } : {}),
    action: r.action,
    instances: r.instances,
    requestedBy: r.actor,
    requestedAt: r.at,
    ...(r.finishedAt ? { finishedAt: r.finishedAt } : {}),
    service: r.service,
    slot: r.slot,
  };
}

/**
 * Holds the one in-flight operation of each deployment and polls Get Operation Status for each until
 * it ends, whether or not a browser is watching, so the audit record always gets its outcome.
 */
export class OperationTracker {
  /** deploymentKey → the operation holding that deployment. */
  readonly locks = new Map<string, TrackedOperation>();
  private readonly timers = new Map<TrackedOperation, NodeJS.Timeout>();
  private closed = false;

  constructor(
    private readonly deps: {
      client: ServiceManagementClient;
      audit: AuditStore;
      cache: ReadCache;
      pollMs: number;
      /** Identity to poll with for operations found in the audit store at start (tokens are not stored). */
      restartIdentity: UpstreamIdentity;
      log: Log;
      /** Give up polling (outcome "unknown") after this long. */
      maxAgeMs?: number;
    },
  ) {}

  /** Re-reads unfinished audit rows after a restart: re-polls those with a request id. */
  resume(): void {
    for (const r of this.deps.audit.open()) {
      if (!r.operationId) {
        // Written before forwarding, but the process stopped before upstream answered: we cannot
        // know whether Azure got it.
        this.deps.audit.update(r.id, {
          outcome: "unknown",
          error: { code: "Interrupted", message: "Rolecall stopped before Azure answered this request. Check the deployment to see whether the action ran." },
          finishedAt: new Date().toISOString(),
        });
        continue;
      }
      const tracked: TrackedOperation = {
        auditId: r.id,
        subscription: r.subscription,
        service: r.service,
        slot: r.slot,
        operation: operationOfRecord(r),
        identity: this.deps.restartIdentity,
      };
      this.locks.set(deploymentKey(r.subscription, r.service, r.slot), tracked);
      this.deps.log.info({ operationId: r.operationId, auditId: r.id }, "resuming tracking of an operation started before restart");
      this.schedule(tracked, 0);
    }
  }

  /** Starts polling an accepted operation. */
  track(tracked: TrackedOperation): void {
    this.schedule(tracked, this.deps.pollMs);
  }

  find(operationId: string): TrackedOperation | undefined {
    for (const t of this.locks.values()) if (t.operation.id === operationId) return t;
    return undefined;
  }

  inFlight(sub: string, service: string, slot: Slot): Operation[] {
    const t = this.locks.get(deploymentKey(sub, service, slot));
    return t && t.operation.id ? [t.operation] : [];
  }

  /** Applies a Get Operation Status result (from the poller or from a browser's read). */
  apply(tracked: TrackedOperation, result: Pick<UpstreamOperation, "status" | "httpStatusCode" | "error">): void {
    const op = tracked.operation;
    if (result.status === "InProgress") {
      if (op.status !== "InProgress" || this.deps.audit.get(tracked.auditId)?.outcome !== "InProgress") {
        this.deps.audit.update(tracked.auditId, { outcome: "InProgress" });
      }
      return;
    }
    this.finish(tracked, {
      status: result.status,
      ...(result.httpStatusCode !== undefined ? { httpStatusCode: result.httpStatusCode } : {}),
      ...(result.error ? { error: result.error } : {}),
    });
  }

  private finish(tracked: TrackedOperation, end: { status: "Succeeded" | "Failed"; httpStatusCode?: number; error?: { code: string; message: string }; unknown?: boolean }) {
    if (tracked.operation.status !== "InProgress") return; // the poller and a browser's read may both see the end
    const finishedAt = new Date().toISOString();
    Object.assign(tracked.operation, {
      status: end.status,
      finishedAt,
      ...(end.httpStatusCode !== undefined ? { httpStatusCode: end.httpStatusCode } : {}),
      ...(end.error ? { error: end.error } : {}),
    });
    this.deps.audit.update(tracked.auditId, {
      outcome: end.unknown ? "unknown" : end.status,
      finishedAt,
      ...(end.httpStatusCode !== undefined ? { httpStatusCode: end.httpStatusCode } : {}),
      ...(end.error ? { error: end.error } : {}),
    });
    this.release(tracked);
    this.deps.log.info({ operationId: tracked.operation.id, status: end.status }, "operation finished");
  }

  /** Frees the deployment held by `tracked` and forgets cached reads of it. */
  release(tracked: TrackedOperation): void {
    const key = deploymentKey(tracked.subscription, tracked.service, tracked.slot);
    if (this.locks.get(key) === tracked) this.locks.delete(key);
    const timer = this.timers.get(tracked);
    if (timer) clearTimeout(timer);
    this.timers.delete(tracked);
    this.invalidate(tracked);
  }

  /** Forgets cached reads of the deployment `tracked` acts on, so viewers see its change now. */
  invalidate(tracked: Pick<TrackedOperation, "subscription" | "service" | "slot">): void {
    for (const fragment of cacheKeys.affectedBy(tracked.subscription, tracked.service, tracked.slot)) this.deps.cache.invalidate(fragment);
  }

  private schedule(tracked: TrackedOperation, delayMs: number) {
    if (this.closed) return;
    const timer = setTimeout(() => void this.poll(tracked), delayMs);
    timer.unref(); // tracking must not keep a finished process alive; close() stops it anyway
    this.timers.set(tracked, timer);
  }

  private async poll(tracked: TrackedOperation) {
    const op = tracked.operation;
    try {
      const result = await this.deps.client.getOperation(tracked.subscription, op.id, tracked.identity);
      tracked.failures = 0;
      this.apply(tracked, result);
    } catch (err) {
      tracked.failures = (tracked.failures ?? 0) + 1;
      const f = err instanceof UpstreamError ? err.failure : undefined;
      if (f?.kind === "http" && f.status === 404) {
        this.finish(tracked, { status: "Failed", unknown: true, error: { code: "OperationNotFound", message: "Azure no longer knows this operation, so its outcome is unknown. Check the deployment." } });
        return;
      }
      this.deps.log.warn({ operationId: op.id, err: err instanceof Error ? err.message : String(err) }, "polling operation status failed; will retry");
    }
    if (op.status !== "InProgress" || this.locks.get(deploymentKey(tracked.subscription, tracked.service, tracked.slot)) !== tracked) return;
    const age = Date.now() - Date.parse(op.requestedAt);
    if (age > (this.deps.maxAgeMs ?? 6 * 3600_000)) {
      this.finish(tracked, { status: "Failed", unknown: true, error: { code: "TrackingTimedOut", message: "Rolecall stopped waiting for this operation after 6 hours. Check the deployment." } });
      return;
    }
    // After failures, wait longer each time (up to a minute) rather than hammer a refusing upstream.
    const backoff = Math.min(60_000, this.deps.pollMs * 2 ** Math.min(tracked.failures ?? 0, 10));
    this.schedule(tracked, Math.max(this.deps.pollMs, backoff));
  }

  close(): void {
    this.closed = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}
