import { useId } from "react";
import { kindLabels, type ListedKind } from "../rows.ts";

const field = "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-600 dark:bg-slate-800";

/** Search by name, label, location or resource group; and, when more than one kind is served, by kind. */
export function ServiceFilters({ q, kind, kinds, onChange }: {
  q: string;
  kind: ListedKind | undefined;
  /** The kinds this Rolecall serves and lists. */
  kinds: readonly ListedKind[];
  onChange: (patch: { q?: string | undefined; kind?: ListedKind | undefined }) => void;
}) {
  const id = useId();
  return (
    <form className="flex flex-wrap items-end gap-3" role="search" aria-label="Filter cloud services" onSubmit={(e) => e.preventDefault()}>
      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-q`} className="text-xs font-medium">Search cloud services</label>
        <input
          id={`${id}-q`}
          type="search"
          className={`${field} w-64`}
          placeholder="name, label, location, group"
          value={q}
          onChange={(e) => onChange({ q: e.target.value || undefined })}
        />
      </div>
      {kinds.length > 1 ? (
        <div className="flex flex-col gap-1">
          <label htmlFor={`${id}-kind`} className="text-xs font-medium">Kind</label>
          <select id={`${id}-kind`} className={field} value={kind ?? ""} onChange={(e) => onChange({ kind: kinds.find((k) => k === e.target.value) })}>
            <option value="">All kinds</option>
            {kinds.map((k) => (
              <option key={k} value={k}>{kindLabels[k]}</option>
            ))}
          </select>
        </div>
      ) : null}
    </form>
  );
}
