import { backendFor } from "../backends/types.ts";
import { UpstreamError } from "../upstream/errors.ts";
import { plainReason } from "./describe.ts";
import type { OperationTracker } from "./tracker.ts";
import type { TrackedOperation } from "./tracked.ts";

// One Get Operation Status of an operation this replica follows, and what its answer (or its
// failure) means for the operation, its hold and its audit row.

export async function pollStatus(tracker: OperationTracker, tracked: TrackedOperation): Promise<void> {
  const op = tracked.operation;
  try {
    const result = await backendFor(tracker.deps.backends, tracked.target.kind).readOperation(tracked.target, { id: op.id, handle: tracked.handle }, tracked.identity);
    await tracker.apply(tracked, result);
  } catch (err) {
    const f = err instanceof UpstreamError ? err.failure : undefined;
    if (f?.kind === "http" && f.status === 404) {
      await tracker.finish(tracked, { status: "Failed", unknown: true, error: { code: "OperationNotFound", message: "Azure no longer knows this operation, so its outcome is unknown. Check the deployment." } });
      return;
    }
    if (!(err instanceof UpstreamError)) throw err;
    tracked.failures = (tracked.failures ?? 0) + 1;
    const first = tracked.uncheckedSince === undefined;
    tracked.uncheckedSince ??= new Date().toISOString();
    const reason = plainReason(err);
    const changed = reason !== tracked.lastFailure;
    tracked.lastFailure = reason;
    tracker.deps.log.warn({ operationId: op.id, failures: tracked.failures, err: err.message }, "polling operation status failed");
    const refused = f?.kind === "http" && (f.status === 401 || f.status === 403);
    if (refused && tracked.lent) {
      tracked.identity = tracked.lent;
      delete tracked.lent;
    } else if (refused || tracked.failures >= (tracker.deps.maxFailures ?? 5)) {
      await giveUp(tracker, tracked);
      return;
    }
    // Every replica's 409 says the status is unknown, and since when: written when that changes.
    if (first || changed) await tracker.saveHold(tracked);
  }
  if (op.status !== "InProgress") return;
  if (Date.now() - Date.parse(op.requestedAt) > (tracker.deps.maxAgeMs ?? 6 * 3600_000)) {
    await tracker.finish(tracked, { status: "Failed", unknown: true, error: { code: "TrackingTimedOut", message: "Rolecall stopped waiting for this operation after 6 hours. Check the deployment." } });
  }
}

/**
 * Rolecall cannot read this operation's status (its credentials are refused, or Azure keeps
 * failing): holding the target would block every action for hours with nothing a person can do.
 * Free it and record the outcome as unknown; Azure's own 409 still refuses a second operation.
 */
function giveUp(tracker: OperationTracker, tracked: TrackedOperation): Promise<void> {
  return tracker.finish(tracked, {
    status: "Failed",
    unknown: true,
    error: { code: "StatusUnknown", message: `Rolecall could not check this operation's status: ${tracked.lastFailure ?? "unknown reason"}. Check the deployment to see how it ended.` },
  });
}
