import { useId } from "react";
import type { JobBatch } from "../../../../shared/jobs.ts";

/** Each setting as typed: checked before Confirm turns on. */
export interface JobSettingsValue {
  batch: JobBatch;
  minReadyPercent: string;
  /** How long a step may wait for readiness (minutes) before the job pauses. */
  readyTimeoutMin: string;
  /** How long to watch after each step before the next (seconds). */
  soakSec: string;
}

export const defaultJobSettings: JobSettingsValue = { batch: "upgradeDomain", minReadyPercent: "50", readyTimeoutMin: "15", soakSec: "0" };

/** A whole number in [min, max], as the proxy accepts it; null otherwise. */
export function parseWhole(text: string, min: number, max: number): number | null {
  if (!/^\d{1,5}$/.test(text.trim())) return null;
  const n = Number(text.trim());
  return n >= min && n <= max ? n : null;
}

/** The job's numbers, or null for the first one that is not valid. */
export function jobNumbers(v: JobSettingsValue): { minReadyPercent: number; readyTimeoutSec: number; soakSec: number } | null {
  const minReadyPercent = parseWhole(v.minReadyPercent, 0, 100);
  const readyTimeoutMin = parseWhole(v.readyTimeoutMin, 1, 1440);
  const soakSec = parseWhole(v.soakSec, 0, 3600);
  if (minReadyPercent === null || readyTimeoutMin === null || soakSec === null) return null;
  return { minReadyPercent, readyTimeoutSec: readyTimeoutMin * 60, soakSec };
}

const inputClass = "mt-1 w-24 rounded-md border border-slate-400 bg-white px-2 py-1 dark:border-slate-500 dark:bg-slate-800";

function WholeField({ label, value, min, max, help, onChange }: { label: string; value: string; min: number; max: number; help: string; onChange: (v: string) => void }) {
  const id = useId();
  const bad = parseWhole(value, min, max) === null;
  return (
    <div>
      <label htmlFor={id} className="block font-medium">{label}</label>
      <input id={id} inputMode="numeric" className={inputClass} value={value} aria-invalid={bad || undefined} aria-describedby={`${id}-help`} onChange={(e) => onChange(e.target.value)} />
      <p id={`${id}-help`} className={`mt-1 text-xs ${bad ? "text-red-800 dark:text-red-200" : "text-slate-700 dark:text-slate-300"}`}>
        {bad ? `A whole number from ${min} to ${max}.` : help}
      </p>
    </div>
  );
}

/** How the job goes: its batches, the floor it keeps, how long it waits and watches. */
export function JobSettings({ value, onChange }: { value: JobSettingsValue; onChange: (v: JobSettingsValue) => void }) {
  const set = (change: Partial<JobSettingsValue>) => onChange({ ...value, ...change });
  const radio = (batch: JobBatch, label: string) => (
    <label className="mr-4 inline-flex items-center gap-1.5">
      <input type="radio" name="batch" checked={value.batch === batch} onChange={() => set({ batch })} />
      {label}
    </label>
  );
  return (
    <div className="grid gap-3 sm:grid-cols-3">
      <fieldset className="sm:col-span-3">
        <legend className="font-medium">Batches</legend>
        {radio("upgradeDomain", "By upgrade domain")}
        {radio("instance", "One instance at a time")}
      </fieldset>
      <WholeField label="Minimum ready per role (%)" value={value.minReadyPercent} min={0} max={100} help="A step waits while it would go below this." onChange={(minReadyPercent) => set({ minReadyPercent })} />
      <WholeField label="Wait for readiness (min)" value={value.readyTimeoutMin} min={1} max={1440} help="Then the job pauses and says why." onChange={(readyTimeoutMin) => set({ readyTimeoutMin })} />
      <WholeField label="Watch after each step (s)" value={value.soakSec} min={0} max={3600} help="Time to spot trouble before the next step." onChange={(soakSec) => set({ soakSec })} />
    </div>
  );
}
