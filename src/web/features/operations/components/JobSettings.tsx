import { useId } from "react";
import type { JobBatch } from "../../../../shared/jobs.ts";

export interface JobSettingsValue {
  batch: JobBatch;
  /** As typed: checked before Confirm turns on. */
  minReadyPercent: string;
  reason: string;
}

/** 0–100, whole numbers: what the proxy accepts; null otherwise. */
export function parsePercent(text: string): number | null {
  if (!/^\d{1,3}$/.test(text.trim())) return null;
  const n = Number(text.trim());
  return n <= 100 ? n : null;
}

/** How the job goes: its batches, the floor it keeps, and why (the operator's words, for the audit). */
export function JobSettings({ value, onChange }: { value: JobSettingsValue; onChange: (v: JobSettingsValue) => void }) {
  const pctId = useId();
  const reasonId = useId();
  const bad = parsePercent(value.minReadyPercent) === null;
  const radio = (batch: JobBatch, label: string) => (
    <label className="mr-4 inline-flex items-center gap-1.5">
      <input type="radio" name="batch" checked={value.batch === batch} onChange={() => onChange({ ...value, batch })} />
      {label}
    </label>
  );
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      <fieldset className="sm:col-span-2">
        <legend className="font-medium">Batches</legend>
        {radio("upgradeDomain", "By upgrade domain")}
        {radio("instance", "One instance at a time")}
      </fieldset>
      <div>
        <label htmlFor={pctId} className="block font-medium">Minimum ready per role (%)</label>
        <input
          id={pctId}
          inputMode="numeric"
          className="mt-1 w-24 rounded-md border border-slate-400 bg-white px-2 py-1 dark:border-slate-500 dark:bg-slate-800"
          value={value.minReadyPercent}
          aria-invalid={bad || undefined}
          onChange={(e) => onChange({ ...value, minReadyPercent: e.target.value })}
        />
        {bad ? <p className="mt-1 text-red-800 dark:text-red-200">A whole number from 0 to 100.</p> : null}
      </div>
      <div>
        <label htmlFor={reasonId} className="block font-medium">Reason (optional)</label>
        <input
          id={reasonId}
          maxLength={500}
          className="mt-1 w-full rounded-md border border-slate-400 bg-white px-2 py-1 dark:border-slate-500 dark:bg-slate-800"
          value={value.reason}
          onChange={(e) => onChange({ ...value, reason: e.target.value })}
        />
      </div>
    </div>
  );
}
