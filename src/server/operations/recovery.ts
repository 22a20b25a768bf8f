import { parseTargetPath, targetPath } from "../../shared/targets.ts";
import type { AuditRecord } from "../audit/store.ts";
import { backendFor } from "../backends/types.ts";
import type { Hold } from "../store/types.ts";
import { holdIdOf, holdOf, leaseOf, operationOfRecord, plainReason } from "./describe.ts";
import type { OperationTracker, TrackedOperation } from "./tracker.ts";
import { upstreamIdle } from "./upstream-idle.ts";

// Taking over what nobody follows: operations whose replica died (its lease expired), and actions a
// crash left unresolved (an audit row with no operation id, a hold whose row is final). Every replica
// runs this scan; the lease per operation makes exactly one of them take each over.

const OPEN = new Set(["pending", "accepted", "InProgress"]);
const nowIso = () => new Date().toISOString();

/** The words for an action Rolecall stopped in the middle of, before Azure's answer came. */
const INTERRUPTED = "Rolecall stopped before Azure answered this request, so whether it started is unknown";

export async function scanOperations(tracker: OperationTracker): Promise<void> {
  const { store, leaseMs, replicaId } = tracker.deps;
  const [rows, holds] = await Promise.all([store.audit.open(), store.holds.list()]);
  const work = new Map<number, { row?: AuditRecord; hold?: Hold }>();
  // A rolling job's actions are followed by the job runner, under the job's own lease and hold.
  for (const row of rows) if (!row.jobId) work.set(row.id, { row });
  for (const hold of holds) {
    if (hold.auditId === undefined || hold.jobId !== undefined) continue;
    work.set(hold.auditId, { ...work.get(hold.auditId), hold });
  }
  for (const [auditId, { row, hold }] of work) {
    if (tracker.closed) return;
    if (tracker.isLocal(auditId)) continue;
    // Written a moment ago by a replica about to send it (it takes the lease right after the
    // hold): not ours to judge until a lease's time has passed.
    if (row && !row.operationId && !hold?.operation.id && Date.now() - Date.parse(row.at) < leaseMs) continue;
    if (!(await store.leases.acquire(leaseOf(auditId), replicaId, leaseMs))) continue;
    try {
      await adopt(tracker, auditId, row, hold);
    } catch (err) {
      tracker.deps.log.warn({ auditId, err: err instanceof Error ? err.message : String(err) }, "could not take over an operation; the next scan tries again");
      await store.leases.release(leaseOf(auditId), replicaId).catch(() => undefined);
    }
  }
}

/** This replica now owns `auditId`'s lease: follow it, resolve it, or free what it left. */
async function adopt(tracker: OperationTracker, auditId: number, listed: AuditRecord | undefined, hold: Hold | undefined): Promise<void> {
  const { store, log, replicaId, restartIdentity } = tracker.deps;
  const row = listed ?? (await store.audit.get(auditId));
  const target = parseTargetPath(row?.target ?? hold?.target ?? "");
  const done = async () => {
    if (hold) await store.holds.release(hold.target, hold.id);
    await store.leases.release(leaseOf(auditId), replicaId);
  };
  if (!row || !target) {
    if (row) log.error({ auditId, target: row.target }, "an unfinished audit row names no target Rolecall knows; not followed");
    return done();
  }
  const operationId = row.operationId ?? (hold?.operation.id || undefined);
  const handle = row.operationHandle ?? hold?.handle;
  const open = OPEN.has(row.outcome);
  const tracked: TrackedOperation = {
    auditId,
    actorId: row.actorId,
    target,
    operation: { ...operationOfRecord(row), id: operationId ?? "", status: "InProgress", error: undefined, finishedAt: undefined },
    handle,
    identity: restartIdentity,
  };

  if (operationId && open) {
    // Accepted: the store has its id (the hold may know it when the audit write was lost).
    if (!row.operationId) await tracker.record(auditId, { operationId, operationHandle: handle, outcome: "accepted" });
    tracked.recordedInProgress = row.outcome === "InProgress";
    await ensureHold(tracker, tracked, hold);
    log.info({ operationId, auditId }, "following an operation nobody followed (a restart, or its replica stopped)");
    tracker.follow(tracked, 0);
    return;
  }
  if (open) {
    // The hold comes before the POST: without one, the request never left.
    if (!hold) {
      await tracker.record(auditId, { outcome: "unknown", error: { code: "Interrupted", message: `${INTERRUPTED}. Check the deployment to see whether the action ran.` }, finishedAt: nowIso() });
      return done();
    }
    const message = `A ${what(tracked)} requested by ${tracked.operation.requestedBy} at ${tracked.operation.requestedAt} may have started: ${INTERRUPTED}.`;
    await tracker.record(auditId, { outcome: "unknown", error: { code: "Interrupted", message: `${message} Rolecall holds the target until Azure shows nothing running on it.` }, finishedAt: nowIso() });
    log.warn({ auditId, target: row.target }, "an action interrupted before Azure answered holds its target until Azure's state settles it");
    await tracker.holdUnconfirmed(tracked, `${message} Check the instances before acting.`);
    return;
  }
  if (hold && row.outcome === "unknown" && !operationId) {
    // Its follower stopped while the start was still unconfirmed: go on checking.
    tracked.operation.error = hold.operation.error;
    await tracker.holdUnconfirmed(tracked, hold.operation.error?.message ?? `The ${what(tracked)} may have started.`, !hold.unconfirmed);
    return;
  }
  // The outcome was written but the hold not freed (a crash between the two).
  return done();
}

/** Follows under the hold the operation already has, or takes it again; someone else's hold is left alone. */
async function ensureHold(tracker: OperationTracker, tracked: TrackedOperation, hold: Hold | undefined): Promise<void> {
  if (hold?.id === holdIdOf(tracked.auditId)) return;
  const got = await tracker.deps.store.holds.acquire(targetPath(tracked.target), holdOf(tracked));
  if (!got.acquired) tracker.deps.log.warn({ auditId: tracked.auditId, holder: got.holder.id }, "following an operation whose target another holder took meanwhile");
}

const what = (t: TrackedOperation) => `${t.operation.action} of ${t.operation.instances.join(", ")}`;

/**
 * One check of an action whose start is unconfirmed. True: check again later. Settles it when the
 * audit learnt its operation id after all (a slow replica), when its hold ended (its time ran out),
 * or when Azure shows nothing running on the target once `settleMs` passed since the request.
 * Each read that shows it busy extends the hold's expiry by another `unconfirmedHoldMs`.
 */
export async function checkUnconfirmed(tracker: OperationTracker, tracked: TrackedOperation): Promise<boolean> {
  const { store, backends, settleMs, log } = tracker.deps;
  const path = targetPath(tracked.target);
  const hold = await store.holds.get(path);
  if (hold?.id !== holdIdOf(tracked.auditId)) {
    await tracker.release(tracked); // its time to live ran out: only the lease is left to hand back
    return false;
  }
  const row = await store.audit.get(tracked.auditId);
  if (row?.operationId) {
    Object.assign(tracked, { unconfirmed: false, handle: row.operationHandle });
    tracked.operation = { ...tracked.operation, id: row.operationId, error: undefined };
    await tracker.saveHold(tracked);
    tracker.schedule(tracked, 0);
    return false;
  }
  if (Date.now() - Date.parse(tracked.operation.requestedAt) < settleMs) return true;
  let idle: boolean;
  try {
    idle = await upstreamIdle(backendFor(backends, tracked.target.kind), tracked.target, tracked.operation.instances, tracked.identity);
  } catch (err) {
    tracked.failures = (tracked.failures ?? 0) + 1;
    log.warn({ auditId: tracked.auditId, reason: plainReason(err) }, "could not read the target to settle an unconfirmed action");
    return true;
  }
  delete tracked.failures;
  if (!idle) {
    // Azure shows it busy: whatever is running there may be this action, so the hold lasts as long
    // as that. The cap is only for when the state cannot be read (above): then nothing would ever free it.
    await tracker.saveHold(tracked, tracker.deps.unconfirmedHoldMs ?? 180_000);
    return true;
  }
  const message = `${tracked.operation.error?.message ?? `The ${what(tracked)} may have started.`} At ${nowIso()} Azure showed nothing running on the target, so it did not start or has finished.`;
  await tracker.record(tracked.auditId, { outcome: "unknown", error: { code: row?.error?.code ?? "OutcomeUnknown", message } });
  log.info({ auditId: tracked.auditId }, "an unconfirmed action is settled: Azure shows nothing running on its target");
  await tracker.release(tracked);
  return false;
}
