import type { AuditEntry } from "../../../../shared/api.ts";
import { Badge, type BadgeTone } from "../../../components/ui/badge.tsx";
import { auditOutcomeWords as outcomeLabel, actionVerbs as verbs, formatDateTime, jobEventWords as jobEventLabel } from "../../../lib/format.ts";

export const outcomeTone: Record<AuditEntry["outcome"], BadgeTone> = {
  pending: "transitional",
  accepted: "transitional",
  InProgress: "transitional",
  Succeeded: "ok",
  Failed: "failed",
  rejected: "failed",
  unknown: "unknown",
};

/** The entry's headline: an action with its outcome, or a rolling job's event (it has no outcome of its own). */
function Headline({ entry: e }: { entry: AuditEntry }) {
  if (e.jobEvent) {
    return (
      <span>
        <strong>Rolling {verbs[e.action].toLowerCase()} job {jobEventLabel[e.jobEvent]}</strong>
      </span>
    );
  }
  return (
    <span className="flex flex-wrap items-center gap-2">
      <strong>{verbs[e.action]}</strong> <Badge tone={outcomeTone[e.outcome]}>{outcomeLabel[e.outcome]}</Badge>
    </span>
  );
}

/** The instance's recent actions from the audit log, newest first. */
export function InstanceHistory({ entries, error, loading }: { entries: AuditEntry[] | undefined; error: string | null; loading: boolean }) {
  return (
    <div>
      <h3 className="mb-2 text-sm font-semibold">Recent actions</h3>
      {error ? <p className="text-sm text-red-800 dark:text-red-200">Could not load the audit log: {error}</p> : null}
      {loading && !entries ? <p className="text-sm">Loading…</p> : null}
      {entries && entries.length === 0 ? <p className="text-sm text-slate-700 dark:text-slate-300">No actions recorded for this instance.</p> : null}
      {entries && entries.length > 0 ? (
        <ol className="space-y-2 text-sm">
          {entries.map((e) => (
            <li key={e.id} className="flex flex-col gap-0.5">
              <Headline entry={e} />
              <span className="text-xs text-slate-700 dark:text-slate-300">
                {formatDateTime(e.at)} by {e.actor}
              </span>
              {e.error ? <span className="text-xs text-red-800 dark:text-red-200">{e.error.message}</span> : null}
            </li>
          ))}
        </ol>
      ) : null}
    </div>
  );
}
