import { useCallback, useEffect, useMemo } from "react";
import type { Deployment, Operation } from "../../shared/api.ts";
import type { Action } from "../../shared/names.ts";
import { useToast } from "../components/ui/toast.tsx";
import type { RowOutcome } from "../features/deployment/components/row-outcome.tsx";
import type { TrayFollow } from "../features/operations/components/OperationEntry.tsx";
import { outcomeOf, type Outcome } from "../features/operations/outcome.ts";
import { feedWatches, useWatches } from "../features/operations/watch-store.ts";
import { latestByInstance, type Watch } from "../features/operations/watch.ts";
import { desktopNotify } from "../lib/notify.ts";

export interface OperationOutcomes {
  /** instance → how its last operation ended, for the rows. */
  rows: ReadonlyMap<string, RowOutcome>;
  /** operation id → its instances' outcomes, for the tray. */
  operations: ReadonlyMap<string, readonly { instance: string; outcome: Outcome }[]>;
  /** Instances with a record: their rows stay when they stop matching the filter. */
  keep: ReadonlySet<string>;
}

/** Says when an instance an operation acted on is ready again: a toast, and a notification if on. */
function announceReady(before: ReadonlyMap<string, Watch>, after: ReadonlyMap<string, Watch>, notify: ReturnType<typeof useToast>["notify"]): void {
  for (const [key, w] of after) {
    if (w.readyAt === undefined || before.get(key)?.readyAt !== undefined) continue;
    const o = outcomeOf(w);
    if (!o) continue;
    notify("success", `${w.instance} is ready`, o.summary);
    desktopNotify(`${w.instance} is ready`, o.summary, `ready:${key}`);
  }
}

/**
 * Follows what each operation on this target does to its instances, from the live polls (not the
 * table's held copy: what happens under an open dialog is recorded too), and words the outcomes.
 */
export function useOperationWatch(target: string, live: Deployment | undefined, operations: readonly Operation[] | undefined): OperationOutcomes {
  const { notify } = useToast();
  useEffect(() => {
    if (!live) return;
    const { before, after } = feedWatches(target, live, operations);
    if (after !== before) announceReady(before, after, notify);
  }, [target, live, operations, notify]);

  const watches = useWatches();
  return useMemo(() => {
    const rows = new Map<string, RowOutcome>();
    const ops = new Map<string, { instance: string; outcome: Outcome }[]>();
    const keep = new Set<string>();
    for (const w of watches.values()) {
      if (w.target !== target) continue;
      keep.add(w.instance);
      const o = outcomeOf(w);
      if (o) ops.set(w.opId, [...(ops.get(w.opId) ?? []), { instance: w.instance, outcome: o }]);
    }
    for (const [name, w] of latestByInstance(watches, target)) {
      const o = outcomeOf(w);
      if (o) rows.set(name, { summary: o.short, detail: o.detail, tone: o.tone, waitingSince: o.waitingSince, retry: o.failed ? w.action : undefined });
    }
    return { rows, operations: ops, keep };
  }, [watches, target]);
}

/** What the tray adds on this target's page: its outcomes, and Retry… reopening the confirmation. */
export function useTrayFollow(target: string, outcomes: OperationOutcomes, open: (instance: string, action: Action) => void, off: { disabledReason: string | null; reasonId: string }): TrayFollow {
  const onRetry = useCallback(
    (op: Operation) => {
      const name = op.instances[0];
      if (name) open(name, op.action);
    },
    [open],
  );
  const { disabledReason, reasonId } = off;
  return useMemo(() => ({ target, outcomes: outcomes.operations, onRetry, retryDisabledReason: disabledReason, reasonId }), [target, outcomes.operations, onRetry, disabledReason, reasonId]);
}
