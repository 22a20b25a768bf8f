import type { TriageFailure, TriageRow } from "../../../../shared/triage.ts";
import { StatusBadge } from "../../../components/ui/status-badge.tsx";
import { failureTitle, failureWords, FirstSeen, InstanceLink, kindWords, TargetLink } from "./parts.tsx";

const cell = "px-4 py-2 align-top";

/** Wider screens: one row per instance, after a row per target that could not be read. */
export function TriageTable({ rows, failures, now }: { rows: readonly TriageRow[]; failures: readonly TriageFailure[]; now: number }) {
  return (
    <table className="w-full text-left text-sm">
      <caption className="sr-only">Instances across every target of the subscription</caption>
      <thead className="border-b border-slate-200 text-xs text-slate-700 uppercase dark:border-slate-800 dark:text-slate-300">
        <tr>
          <th scope="col" className="px-4 py-2">Instance</th>
          <th scope="col" className="px-4 py-2">Status</th>
          <th scope="col" className="px-4 py-2">Target</th>
          <th scope="col" className="px-4 py-2">Kind</th>
          <th scope="col" className="px-4 py-2">Role · IP</th>
          <th scope="col" className="px-4 py-2">First seen by Rolecall</th>
        </tr>
      </thead>
      <tbody>
        {failures.map((f) => (
          <tr key={`${f.kind} ${f.target ?? ""}`} className="border-b border-slate-100 bg-red-50 dark:border-slate-800 dark:bg-red-950/40">
            <th scope="row" className={`${cell} font-semibold text-red-900 dark:text-red-200`}>{failureTitle(f)}</th>
            <td className={cell} colSpan={2}>{failureWords(f)}</td>
            <td className={cell}>{kindWords[f.kind]}</td>
            <td className={cell} colSpan={2}>{f.target && f.label ? <TargetLink target={f.target} label={`Open ${f.label}`} /> : null}</td>
          </tr>
        ))}
        {rows.map((r) => (
          <tr key={`${r.target} ${r.instance.name}`} data-instance={r.instance.name} className="border-b border-slate-100 last:border-0 dark:border-slate-800">
            <th scope="row" className={`${cell} font-medium`}>
              <InstanceLink row={r} />
              {r.instance.stateDetails ? <div className="max-w-xs text-xs font-normal text-slate-700 dark:text-slate-300">{r.instance.stateDetails}</div> : null}
            </th>
            <td className={cell}><StatusBadge status={r.instance.status} tone={r.instance.tone} /></td>
            <td className={cell}><TargetLink target={r.target} label={r.label} /></td>
            <td className={cell}>{kindWords[r.kind]}</td>
            <td className={cell}>
              <div>{r.instance.role}</div>
              {r.instance.ipAddress ? <div className="font-mono text-xs">{r.instance.ipAddress}</div> : null}
            </td>
            <td className={cell}><FirstSeen at={r.firstSeenNotReady} now={now} /></td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
