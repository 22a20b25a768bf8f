import type { TriageFailure, TriageRow } from "../../../../shared/triage.ts";
import { StatusBadge } from "../../../components/ui/status-badge.tsx";
import { failureTitle, failureWords, FirstSeen, InstanceLink, kindWords, TargetLink } from "./parts.tsx";

/** Phones: each instance as a card (six columns do not fit 390 px); unreadable targets first. */
export function TriageCards({ rows, failures, now }: { rows: readonly TriageRow[]; failures: readonly TriageFailure[]; now: number }) {
  return (
    <ul aria-label="Instances across every target of the subscription" className="divide-y divide-slate-200 dark:divide-slate-800">
      {failures.map((f) => (
        <li key={`${f.kind} ${f.target ?? ""}`} className="space-y-1 bg-red-50 px-4 py-3 text-sm dark:bg-red-950/40">
          <p className="font-semibold text-red-900 dark:text-red-200">{failureTitle(f)}</p>
          <p>{failureWords(f)}</p>
          {f.target && f.label ? <TargetLink target={f.target} label={`Open ${f.label}`} /> : null}
        </li>
      ))}
      {rows.map((r) => (
        <li key={`${r.target} ${r.instance.name}`} data-instance={r.instance.name} className="space-y-1.5 px-4 py-3 text-sm">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <InstanceLink row={r} className="font-medium" />
            <StatusBadge status={r.instance.status} tone={r.instance.tone} />
          </div>
          <p className="text-xs">
            <TargetLink target={r.target} label={r.label} /> · {kindWords[r.kind]} · {r.instance.role}
            {r.instance.ipAddress ? <> · <span className="font-mono">{r.instance.ipAddress}</span></> : null}
          </p>
          {r.instance.stateDetails ? <p className="text-xs text-slate-700 dark:text-slate-300">{r.instance.stateDetails}</p> : null}
          {r.firstSeenNotReady ? (
            <div className="flex gap-1 text-xs">
              <span className="text-slate-700 dark:text-slate-300">First seen by Rolecall:</span>
              <FirstSeen at={r.firstSeenNotReady} now={now} />
            </div>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
