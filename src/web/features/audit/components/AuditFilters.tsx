import { useId, type SubmitEvent } from "react";
import { Button } from "../../../components/ui/button.tsx";
import { AUDIT_PAGE, outcomeFilterLabels, outcomeFilters, pageSizeOf, pageSizes, type AuditView, type OutcomeFilter } from "../filter.ts";

// shared instanceNamePattern, as an HTML pattern (compiled with the v flag: the class's "-" escaped).
const instancePattern = "(?!\\.+$)[A-Za-z0-9_.\\-]{1,128}";
const field = "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-600 dark:bg-slate-800";

interface Props {
  value: AuditView;
  /** Names to offer in "Who": the people who acted lately in this scope (whatever the filters). */
  actors: readonly string[];
  /** The target filtered on, as people name it; undefined on the subscription's page. */
  targetName: string | undefined;
  /** A change of filter: the page goes back to the newest entries. */
  onChange: (patch: Partial<AuditView>) => void;
}

/**
 * The audit page's filters. The outcome applies as it is chosen; the two fields apply on Enter (or
 * Apply), since the proxy matches an instance and a person by the whole name, and a half-typed one
 * matches nothing. "Who" offers the names of recent entries, so that the whole one is one pick away.
 */
export function AuditFilters({ value, actors, targetName, onChange }: Props) {
  const id = useId();
  const submit = (e: SubmitEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const text = (k: string) => {
      const v = data.get(k);
      return typeof v === "string" && v.trim() ? v.trim() : undefined;
    };
    onChange({ instance: text("instance"), actor: text("actor") });
  };
  return (
    <form role="search" aria-label="Filter the audit log" className="flex flex-wrap items-end gap-3" onSubmit={submit}>
      {targetName ? (
        <p className="flex items-center gap-2 self-center text-sm">
          Target <strong>{targetName}</strong>
          <Button size="sm" variant="ghost" onClick={() => onChange({ target: undefined, instance: undefined })}>Show every target</Button>
        </p>
      ) : null}
      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-instance`} className="text-xs font-medium">Instance (whole name)</label>
        <input id={`${id}-instance`} name="instance" key={`i:${value.instance ?? ""}`} defaultValue={value.instance ?? ""} pattern={instancePattern} title="Letters, digits, '_', '.' or '-', not dots alone" className={`${field} w-52`} autoComplete="off" spellCheck={false} />
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-actor`} className="text-xs font-medium">Who (whole name)</label>
        <input id={`${id}-actor`} name="actor" list={`${id}-actors`} key={`a:${value.actor ?? ""}`} defaultValue={value.actor ?? ""} maxLength={200} className={`${field} w-44`} autoComplete="off" />
        <datalist id={`${id}-actors`}>
          {actors.map((a) => <option key={a} value={a} />)}
        </datalist>
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-outcome`} className="text-xs font-medium">Outcome</label>
        <select id={`${id}-outcome`} className={field} value={value.outcome ?? ""} onChange={(e) => onChange({ outcome: (e.target.value || undefined) as OutcomeFilter | undefined })}>
          <option value="">Any outcome</option>
          {outcomeFilters.map((o) => <option key={o} value={o}>{outcomeFilterLabels[o]}</option>)}
        </select>
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-limit`} className="text-xs font-medium">Per page</label>
        <select id={`${id}-limit`} className={field} value={pageSizeOf(value)} onChange={(e) => onChange({ limit: Number(e.target.value) === AUDIT_PAGE ? undefined : e.target.value })}>
          {[...new Set([...pageSizes, pageSizeOf(value)])].sort((a, b) => a - b).map((n) => <option key={n} value={n}>{n}</option>)}
        </select>
      </div>
      <Button type="submit">Apply</Button>
    </form>
  );
}
