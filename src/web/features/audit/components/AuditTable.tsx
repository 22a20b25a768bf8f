import type { ShownEntry } from "../export.ts";
import { EntryIds, EntryOutcome, EntryTarget, EntryWhat, EntryWhen } from "./entry-parts.tsx";

const th = "px-3 py-2 text-left";
const td = "px-3 py-2 align-top";

/** The entries as a table (wide screens); `showTarget` off when the page is one target's. */
export function AuditTable({ entries, showTarget }: { entries: readonly ShownEntry[]; showTarget: boolean }) {
  return (
    <table className="w-full border-collapse text-sm">
      <caption className="sr-only">Audit entries, newest first</caption>
      <thead className="border-b border-slate-200 text-xs text-slate-700 uppercase dark:border-slate-800 dark:text-slate-300">
        <tr>
          <th scope="col" className={th}>When</th>
          <th scope="col" className={th}>Who</th>
          <th scope="col" className={th}>What</th>
          {showTarget ? <th scope="col" className={th}>Target</th> : null}
          <th scope="col" className={th}>Outcome</th>
          <th scope="col" className={th}>Operation · job</th>
          <th scope="col" className={th}>Reason</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((e) => (
          <tr key={e.id} data-audit={e.id} className="border-b border-slate-100 last:border-0 dark:border-slate-800">
            <td className={`${td} whitespace-nowrap`}><EntryWhen entry={e} /></td>
            <td className={td}>{e.actor}</td>
            <td className={td}><EntryWhat entry={e} /></td>
            {showTarget ? <td className={td}><EntryTarget entry={e} /></td> : null}
            <td className={td}><EntryOutcome entry={e} /></td>
            <td className={`${td} max-w-[18rem]`}><EntryIds entry={e} /></td>
            <td className={td}>{e.reason ?? "—"}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
