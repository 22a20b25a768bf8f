import type { ActionAccepted, Operation, OperationStatus } from "../../shared/api.ts";
import { targetPath, type TargetRef } from "../../shared/targets.ts";
import type { AuditRecord } from "../audit/store.ts";
import { UpstreamError } from "../upstream/errors.ts";
import type { UpstreamIdentity } from "../upstream/identity.ts";
import type { Hold, HoldInput } from "../store/types.ts";
import type { TrackedOperation } from "./tracker.ts";

// Pure helpers of operation tracking: how records and failures read to a person.

/** Same credentials for every upstream: the classic identity and the ARM token alike. */
export const sameIdentity = (a: UpstreamIdentity, b: UpstreamIdentity) =>
  a.kind === b.kind && (a.kind !== "bearer" || (b.kind === "bearer" && a.token === b.token)) && a.armToken === b.armToken;

/** Why a poll failed, for a person: no internals, no credentials. */
export function plainReason(err: unknown): string {
  const f = err instanceof UpstreamError ? err.failure : undefined;
  if (!f) return "an internal error (the log has details)";
  switch (f.kind) {
    case "http":
      return f.status === 401 || f.status === 403
        ? `Azure refused the credentials Rolecall checks it with (${f.status}${f.code ? ` ${f.code}` : ""})`
        : `Azure answered ${f.status}${f.code ? ` ${f.code}` : ""}`;
    case "timeout":
      return `Azure did not answer within ${Math.round(f.timeoutMs / 100) / 10} s`;
    case "unreachable":
      return `Rolecall could not reach Azure (${f.cause})`;
    case "malformed":
      return "Azure sent a reply Rolecall could not read";
  }
}

export function statusOfOutcome(outcome: AuditRecord["outcome"]): OperationStatus {
  return outcome === "Succeeded" ? "Succeeded" : outcome === "Failed" || outcome === "unknown" || outcome === "rejected" ? "Failed" : "InProgress";
}

/** An audit row as the Operation the API returns. */
export function operationOfRecord(r: AuditRecord): Operation {
  return {
    id: r.operationId ?? "",
    status: statusOfOutcome(r.outcome),
    httpStatusCode: r.httpStatusCode,
    error: r.error,
    action: r.action,
    instances: r.instances,
    requestedBy: r.actor,
    requestedAt: r.at,
    finishedAt: r.finishedAt,
    target: r.target,
  };
}

/**
 * The 409 sentence for an action refused because `holder` holds the target. The error's code says
 * the target is held; this says by what, and, when it is not a plain wait, what to check.
 */
export function describeBlocking(holder: Pick<Hold, "operation" | "unconfirmed" | "uncheckedSince" | "lastFailure">): string {
  const op = holder.operation;
  const what = `${op.action} of ${op.instances.join(", ")}`;
  if (holder.unconfirmed) {
    // Waiting will not confirm anything: say what is known and what to check.
    return `A ${what} requested by ${op.requestedBy} may have started at ${op.requestedAt}, but Rolecall could not confirm it. Check the instances before acting; Rolecall frees the target once Azure shows nothing running on it, or a few minutes after the request at most.`;
  }
  if (!op.id) {
    return `${op.requestedBy} is starting a ${what} (requested at ${op.requestedAt}). Wait for it to finish, then try again.`;
  }
  const started = `${op.requestedBy} started a ${what} at ${op.requestedAt} (operation ${op.id})`;
  if (holder.uncheckedSince) {
    return `${started}; its status could not be checked since ${holder.uncheckedSince} (${holder.lastFailure ?? "unknown reason"}). Rolecall frees the target if the next checks fail too; check the instances meanwhile.`;
  }
  return `${started}. Wait for it to finish, then try again.`;
}

export const holdIdOf = (auditId: number) => `audit:${auditId}`;
export const leaseOf = (auditId: number) => `operation:${auditId}`;
/** Targets match case-insensitively, as Azure's names do (and the store's holds). */
export const keyOf = (t: TargetRef) => targetPath(t).toLowerCase();

/** What the store keeps of a tracked operation: what any replica's 409 and in-flight list show. */
export function holdOf(t: TrackedOperation): HoldInput {
  const { auditId, actorId, operation, handle, unconfirmed, uncheckedSince, lastFailure } = t;
  return { id: holdIdOf(auditId), actorId, auditId, operation, handle, unconfirmed, uncheckedSince, lastFailure };
}

/** The operation a hold shows as in flight: an accepted one, or one whose start is unconfirmed; never a job's. */
export function shownOperation(hold: Hold | undefined): Operation | undefined {
  if (!hold || hold.jobId || (!hold.operation.id && !hold.unconfirmed)) return undefined;
  return hold.unconfirmed ? { ...hold.operation, unconfirmed: true } : hold.operation;
}

/**
 * The operations list of a subscription, newest first, at most `limit`: the actions Azure accepted
 * (`withId`: rows with an operation id; `live` gives the followed ones' fresher state), and actions
 * whose start Rolecall never confirmed (`unknown`: rows whose outcome is unknown). Those have no
 * operation id, so no other place to be found once their hold ends; listed as the audit has them
 * (Failed, `unconfirmed`), an operator who looked away still learns the outcome is unknown. While
 * held they are shown from the hold instead, in progress, leading the list (as every replica sees).
 */
export function listOperations(
  rows: { withId: readonly AuditRecord[]; unknown: readonly AuditRecord[] },
  holds: readonly Hold[],
  limit: number,
  live: (operationId: string) => Operation | undefined,
): Operation[] {
  // Any hold, not only unconfirmed ones: between the POST's failure being audited and its hold
  // being marked unconfirmed, the row is final already but the action is still held.
  const held = new Set(holds.flatMap((h) => (h.auditId === undefined ? [] : [h.auditId])));
  const unconfirmed = holds.flatMap((h) => {
    const op = shownOperation(h);
    return op?.unconfirmed ? [op] : [];
  });
  const idless = rows.unknown.filter((r) => !r.operationId && !r.jobId && !r.jobEvent && r.outcome === "unknown" && !held.has(r.id));
  const byId = new Map([...rows.withId, ...idless].map((r) => [r.id, r]));
  const listed = [...byId.values()]
    .sort((a, b) => b.id - a.id)
    .slice(0, limit)
    .map((r): Operation => {
      if (!r.operationId) return { ...operationOfRecord(r), unconfirmed: true };
      return live(r.operationId) ?? operationOfRecord(r);
    });
  return [...unconfirmed, ...listed];
}

/** The 202 of an accepted action, from its operation. */
export const accepted = (op: Operation): ActionAccepted => ({
  operationId: op.id,
  action: op.action,
  instances: op.instances,
  requestedBy: op.requestedBy,
  requestedAt: op.requestedAt,
});
