import { useId } from "react";
import { sortKeys, sortLabels, toneFilterLabels, toneFilters, type SortValue, type ToneFilter, type ViewFilter } from "../view.ts";

const field = "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-600 dark:bg-slate-800";

export function Filters({ roles, value, onChange }: { roles: string[]; value: ViewFilter; onChange: (next: Partial<ViewFilter>) => void }) {
  const id = useId();
  return (
    // Phones: two fields a line, each as wide as its half, so the instances start a screen higher.
    <form className="grid grid-cols-2 items-end gap-3 sm:flex sm:flex-wrap [&>div]:min-w-0" role="search" aria-label="Filter instances" onSubmit={(e) => e.preventDefault()}>
      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-q`} className="text-xs font-medium">Search</label>
        <input
          id={`${id}-q`}
          type="search"
          className={`${field} w-full sm:w-56`}
          placeholder="name, status, IP…"
          value={value.q ?? ""}
          onChange={(e) => onChange({ q: e.target.value || undefined })}
        />
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-role`} className="text-xs font-medium">Role</label>
        <select id={`${id}-role`} className={`${field} w-full min-w-0 sm:w-auto`} value={value.role ?? ""} onChange={(e) => onChange({ role: e.target.value || undefined })}>
          <option value="">All roles</option>
          {roles.map((r) => (
            <option key={r} value={r}>{r}</option>
          ))}
        </select>
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-tone`} className="text-xs font-medium">Status</label>
        <select id={`${id}-tone`} className={`${field} w-full min-w-0 sm:w-auto`} value={value.tone ?? ""} onChange={(e) => onChange({ tone: (e.target.value || undefined) as ToneFilter | undefined })}>
          <option value="">Any status</option>
          {toneFilters.map((t) => (
            <option key={t} value={t}>{toneFilterLabels[t]}</option>
          ))}
        </select>
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-sort`} className="text-xs font-medium">Sort by</label>
        <select id={`${id}-sort`} className={`${field} w-full min-w-0 sm:w-auto`} value={value.sort ?? "name"} onChange={(e) => onChange({ sort: e.target.value === "name" ? undefined : (e.target.value as SortValue) })}>
          {sortKeys.map((k) => [
            <option key={k} value={k}>{sortLabels[k]} ↑</option>,
            <option key={`-${k}`} value={`-${k}`}>{sortLabels[k]} ↓</option>,
          ])}
        </select>
      </div>
    </form>
  );
}
