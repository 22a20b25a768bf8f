import type { ShownEntry } from "../export.ts";
import { EntryIds, EntryOutcome, EntryTarget, EntryWhat, EntryWhen } from "./entry-parts.tsx";

/** The entries as a list of cards (phones): the same fields as the table, stacked. */
export function AuditCards({ entries, showTarget }: { entries: readonly ShownEntry[]; showTarget: boolean }) {
  return (
    <ol aria-label="Audit entries, newest first" className="divide-y divide-slate-200 dark:divide-slate-800">
      {entries.map((e) => (
        <li key={e.id} data-audit={e.id} className="space-y-1 px-4 py-3 text-sm">
          <p className="flex flex-wrap items-start justify-between gap-2">
            <span className="font-medium"><EntryWhat entry={e} /></span>
            <EntryOutcome entry={e} />
          </p>
          <p className="text-xs text-slate-700 dark:text-slate-300">
            <EntryWhen entry={e} /> · by {e.actor}
            {showTarget ? <> · <EntryTarget entry={e} /></> : null}
          </p>
          {e.reason ? <p className="text-xs">Reason: {e.reason}</p> : null}
          <EntryIds entry={e} />
        </li>
      ))}
    </ol>
  );
}
