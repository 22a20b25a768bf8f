import { createContext, useContext } from "react";
import type { Action } from "../../../../shared/names.ts";
import { formatDuration } from "../../../lib/format.ts";
import { useNow } from "../../../lib/use-now.ts";
import { RowActionsContext } from "./row-actions.tsx";

// How the last operation on an instance ended, on its row: "Reimage done · Ready at 10:31:28 (1 min
// 13 s)", "… not ready after 2 min", or a failure with what it did and "Retry…". Through context,
// like the row's actions: outcomes change on their own schedule, the memoized rows need not.

export interface RowOutcome {
  summary: string;
  /** The longer sentence, for the tooltip. */
  detail: string;
  tone: "ok" | "warn" | "failed";
  /** While waiting for ready: the summary ends with the time since this (ms epoch), ticking. */
  waitingSince?: number | undefined;
  /** The operation failed: Retry… opens the same confirmation again. */
  retry?: Action | undefined;
}

export const RowOutcomeContext = createContext<ReadonlyMap<string, RowOutcome>>(new Map());

const toneClass: Record<RowOutcome["tone"], string> = {
  ok: "text-green-800 dark:text-green-300",
  warn: "text-amber-900 dark:text-amber-200",
  failed: "text-red-800 dark:text-red-300",
};

function Waiting({ prefix, since }: { prefix: string; since: number }) {
  const now = useNow(1_000);
  return <>{prefix}{formatDuration((now - since) / 1000)}</>;
}

function RetryButton({ instance, action }: { instance: string; action: Action }) {
  const { disabledReason, reasonId, onAction } = useContext(RowActionsContext);
  const off = disabledReason !== null;
  return (
    <button
      type="button"
      className={`mr-1 rounded border border-slate-400 px-1 font-medium text-slate-900 hover:bg-slate-100 dark:border-slate-500 dark:text-slate-100 dark:hover:bg-slate-800 ${off ? "cursor-not-allowed opacity-60" : ""}`}
      aria-label={`Retry ${action} of ${instance}`}
      aria-disabled={off || undefined}
      aria-describedby={off ? reasonId : undefined}
      onClick={() => (off ? undefined : onAction(instance, action))}
    >
      Retry…
    </button>
  );
}

/** The outcome of the instance's last operation, or nothing (none seen, or one still running). */
export function RowOutcomeLine({ instance, protectedFromActions, separated }: { instance: string; protectedFromActions: boolean; separated: boolean }) {
  const outcome = useContext(RowOutcomeContext).get(instance);
  if (!outcome) return null;
  return (
    <span title={outcome.detail} data-outcome={outcome.tone}>
      {outcome.retry && !protectedFromActions ? <RetryButton instance={instance} action={outcome.retry} /> : null}
      <span className={`font-semibold ${toneClass[outcome.tone]}`}>
        {outcome.waitingSince === undefined ? outcome.summary : <Waiting prefix={outcome.summary} since={outcome.waitingSince} />}
      </span>
      {separated ? " · " : null}
    </span>
  );
}
