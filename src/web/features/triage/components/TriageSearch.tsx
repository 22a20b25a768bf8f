import { useId } from "react";
import { TRIAGE_QUERY_MAX, TRIAGE_QUERY_MIN } from "../../../../shared/triage.ts";

const field = "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-600 dark:bg-slate-800";

export interface TriageView {
  /** What is typed in the search box (URL `q`). */
  q: string | undefined;
  /** Ready instances too (URL `all=1`); off by default: triage is about the sick ones. */
  all: boolean;
}

/** The search box and the "only not ready" switch, both in the URL. */
export function TriageSearch({ value, onChange }: { value: TriageView; onChange: (patch: Partial<TriageView>) => void }) {
  const id = useId();
  const short = (value.q?.trim().length ?? 0) > 0 && (value.q?.trim().length ?? 0) < TRIAGE_QUERY_MIN;
  return (
    <form className="flex flex-wrap items-end gap-x-4 gap-y-2" role="search" aria-label="Find instances" onSubmit={(e) => e.preventDefault()}>
      <div className="flex min-w-0 flex-col gap-1">
        <label htmlFor={`${id}-q`} className="text-xs font-medium">Instance name or IP address</label>
        <input
          id={`${id}-q`}
          type="search"
          className={`${field} w-72 max-w-full`}
          placeholder="ApiWorker_IN_2, 10.0.0.4…"
          autoComplete="off"
          spellCheck={false}
          maxLength={TRIAGE_QUERY_MAX}
          aria-describedby={short ? `${id}-short` : undefined}
          value={value.q ?? ""}
          onChange={(e) => onChange({ q: e.target.value || undefined })}
        />
      </div>
      <label className="flex items-center gap-2 py-1.5 text-sm">
        <input type="checkbox" className="h-4 w-4" checked={!value.all} onChange={(e) => onChange({ all: !e.target.checked })} />
        Only instances that are not ready
      </label>
      {short ? <p id={`${id}-short`} className="w-full text-xs text-slate-700 dark:text-slate-300">Type at least {TRIAGE_QUERY_MIN} characters to search.</p> : null}
    </form>
  );
}
