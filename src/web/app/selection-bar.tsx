import { useId } from "react";
import type { Action } from "../../shared/names.ts";
import { Button } from "../components/ui/button.tsx";
import { actionCopy, actionOrder } from "../features/operations/copy.ts";
import { PHONE, useMediaQuery } from "../lib/use-media-query.ts";
import type { SelectPick } from "./use-job-selection.ts";

interface Props {
  count: number;
  /** How many of the chosen the filters hide now. */
  hidden: number;
  domains: readonly number[];
  onPick: (p: SelectPick) => void;
  onAction: (action: Action) => void;
  /** Why actions are off on this target (the single actions' reason), or null. */
  disabledReason: string | null;
  /** Id of the page's sentence that explains `disabledReason` (not repeated here). */
  reasonId: string;
}

/** Choosing instances for a rolling job, and starting one on them (each opens the plan first). */
export function SelectionBar({ count, hidden, domains, onPick, onAction, disabledReason, reasonId }: Props) {
  const emptyId = useId();
  // Phones: one choice of upgrade domain instead of a button each, a line instead of three.
  const phone = useMediaQuery(PHONE);
  const empty = count === 0 ? "Select instances (checkboxes, or the choices here, which pick among the rows shown) to act on several in a rolling job." : null;
  const off = disabledReason !== null || empty !== null;
  const describedBy = disabledReason !== null ? reasonId : emptyId;
  return (
    <div role="group" aria-label="Selection" className="flex flex-wrap items-center gap-2 rounded-lg border border-slate-200 bg-white px-3 py-2 text-sm shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <span className="font-medium" aria-live="polite">
        {count} selected{hidden > 0 ? <span className="font-semibold text-amber-900 dark:text-amber-200"> ({hidden} hidden by the filters)</span> : null}
      </span>
      <Button size="sm" onClick={() => onPick({ kind: "notReady" })}>Select not ready</Button>
      {domains.length <= 6 && !phone ? (
        domains.map((d) => (
          <Button key={d} size="sm" onClick={() => onPick({ kind: "domain", domain: d })}>Select upgrade domain {d}</Button>
        ))
      ) : (
        <select aria-label="Select upgrade domain" className="rounded-md border border-slate-300 bg-white px-2 py-1 text-xs dark:border-slate-600 dark:bg-slate-800" value="" onChange={(e) => onPick({ kind: "domain", domain: Number(e.target.value) })}>
          <option value="" disabled>Select upgrade domain…</option>
          {domains.map((d) => <option key={d} value={d}>Upgrade domain {d}</option>)}
        </select>
      )}
      <Button size="sm" variant="ghost" onClick={() => onPick({ kind: "clear" })} disabled={count === 0}>Clear</Button>
      <span className="ml-auto flex flex-wrap gap-2">
        {actionOrder.map((a) => (
          <Button key={a} size="sm" variant="secondary" aria-disabled={off || undefined} aria-describedby={off ? describedBy : undefined} className={off ? "cursor-not-allowed opacity-60" : ""} onClick={() => (off ? undefined : onAction(a))}>
            {actionCopy[a].verb} selected…
          </Button>
        ))}
      </span>
      {empty ? <p id={emptyId} className="w-full text-xs text-slate-700 dark:text-slate-300">{empty}</p> : null}
    </div>
  );
}
