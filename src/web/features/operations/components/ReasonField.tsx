import { useId } from "react";
import { REASON_MAX } from "../reason.ts";

/**
 * "Reason or ticket", optional, kept in the audit log and the shared summary. Enter here never
 * confirms: the field sits inside the dialog's form, and a person finishing a ticket number with
 * Enter has not decided to reimage anything. Only the typed word's field (or the button) confirms.
 */
export function ReasonField({ value, onChange }: { value: string; onChange: (text: string) => void }) {
  const id = useId();
  return (
    <div>
      <label htmlFor={id} className="block font-medium">Reason or ticket (optional)</label>
      <input
        id={id}
        name="reason"
        maxLength={REASON_MAX}
        autoComplete="off"
        aria-describedby={`${id}-help`}
        className="mt-1 w-full rounded-md border border-slate-400 bg-white px-2 py-1.5 dark:border-slate-500 dark:bg-slate-800"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={(e) => {
          // Not while an input method composes: there Enter picks the characters, and submits nothing.
          if (e.key === "Enter" && !e.nativeEvent.isComposing) e.preventDefault();
        }}
      />
      <p id={`${id}-help`} className="mt-1 text-xs text-slate-700 dark:text-slate-300">Kept in the audit log with the action; this tab remembers it for the next one.</p>
    </div>
  );
}
