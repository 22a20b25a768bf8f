import type { UseQueryResult } from "@tanstack/react-query";
import { useEffect, useMemo, useState } from "react";
import type { Deployment, Instance } from "../../shared/api.ts";
import type { StatusChange } from "../features/operations/confirmation.ts";
import { explainError } from "../lib/errors.ts";

/** What a dialog acts on: the instances, and when it opened (dataUpdatedAt; only newer data is fresh). */
export interface ConfirmPending {
  instances: readonly string[];
  since: number;
}

export interface ConfirmData {
  instances: readonly Instance[];
  asOf: number;
  blockedReason: string | null;
  changes: StatusChange[];
}

type Checks = Pick<typeof import("./dialog-chunk.ts"), "statusChanges" | "targetBusyReason">;
let loadedChecks: Checks | undefined;

/**
 * The checks below live in the dialogs' chunk (with the dialogs, which cannot show before it is
 * there): fetched when a dialog opens. A failure is the dialog's to report (dialogs.tsx).
 */
function useChecks(open: boolean): Checks | undefined {
  const [checks, setChecks] = useState(loadedChecks);
  useEffect(() => {
    if (!open || checks) return;
    let current = true;
    import("./dialog-chunk.ts").then(
      (chunk) => {
        loadedChecks = chunk;
        if (current) setChecks(chunk);
      },
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [open, checks]);
  return checks;
}

/**
 * What the confirmation dialog shows and may act on. It opens on the copy the table holds, then
 * switches to the answer of the fetch made on opening (use-action-flow); until that answer lands
 * Confirm stays off, and any status of the target's role that moved meanwhile is listed. The target
 * is polled fast while a dialog is open (target-page), so an operation or job someone else starts
 * turns Confirm off, naming them, within one fast poll.
 */
export function useConfirmData(q: UseQueryResult<Deployment>, held: Deployment | undefined, pending: ConfirmPending | null): ConfirmData | null {
  const since = pending?.since ?? 0;
  const fresh = q.data && q.dataUpdatedAt > since ? q.data : undefined;
  const failed = q.isError && q.errorUpdatedAt > since;
  const error = q.error;
  const targets = pending?.instances;
  const checks = useChecks(!!targets);
  return useMemo(() => {
    if (!targets || !held) return null;
    let blockedReason: string | null;
    if (failed) blockedReason = `Could not check the current status: ${explainError(error)} Confirm stays off until it can.`;
    else if (!fresh || !checks) blockedReason = "Checking current status…";
    else blockedReason = checks.targetBusyReason(fresh);
    return {
      instances: (fresh ?? held).instances,
      // When the proxy read the statuses (it may serve a short-lived cache), not when we received them.
      asOf: Date.parse((fresh ?? held).fetchedAt) || since,
      blockedReason,
      changes: fresh && checks ? checks.statusChanges(held.instances, fresh.instances, targets) : [],
    };
  }, [targets, held, fresh, failed, error, since, checks]);
}
