import { parseTargetPath, targetLabel } from "../../../../shared/targets.ts";
import { Badge } from "../../../components/ui/badge.tsx";
import { actionVerbs as verbs, auditOutcomeWords, formatDateTime, formatUtc, jobEventWords } from "../../../lib/format.ts";
import { Link } from "../../../lib/router.tsx";
import { targetHref } from "../../../lib/targets.ts";
import type { ShownEntry } from "../export.ts";
import { outcomeTone } from "./InstanceHistory.tsx";

// The fields of one audit entry, shared by the table (wide screens) and the cards (phones).

const link = "text-blue-800 underline underline-offset-2 dark:text-blue-300";

export function EntryWhen({ entry: e }: { entry: ShownEntry }) {
  return <time dateTime={e.at} title={formatUtc(e.at)}>{formatDateTime(e.at)}</time>;
}

/** The action and its instances, each a link to the instance on its target's page; or the job's event. */
export function EntryWhat({ entry: e }: { entry: ShownEntry }) {
  const target = parseTargetPath(e.target);
  if (e.jobEvent) return <span>Rolling {verbs[e.action].toLowerCase()} job <strong>{jobEventWords[e.jobEvent]}</strong></span>;
  return (
    <span>
      {verbs[e.action]}{" "}
      {e.instances.map((name, i) => (
        <span key={name}>
          {i > 0 ? ", " : null}
          {target ? <Link to={targetHref(target, { instance: name })} className={`${link} font-mono text-xs`}>{name}</Link> : <span className="font-mono text-xs">{name}</span>}
        </span>
      ))}
      {e.jobId ? <span className="text-xs text-slate-700 dark:text-slate-300"> (job step)</span> : null}
    </span>
  );
}

export function EntryTarget({ entry: e }: { entry: ShownEntry }) {
  const target = parseTargetPath(e.target);
  return target ? <Link to={targetHref(target)} className={link}>{targetLabel(target)}</Link> : <span className="break-all">{e.target}</span>;
}

/**
 * How it ended, in words and colour; Azure's or Rolecall's message when it did not end well. A job's
 * own event has no outcome of its own (its steps do): only its message, such as why it paused.
 */
export function EntryOutcome({ entry: e }: { entry: ShownEntry }) {
  if (e.jobEvent) return e.error ? <span className="text-xs break-words text-amber-900 dark:text-amber-200">{e.error.message}</span> : "—";
  return (
    <span className="flex flex-col items-start gap-0.5">
      <Badge tone={outcomeTone[e.outcome]}>{auditOutcomeWords[e.outcome]}</Badge>
      {e.error ? <span className="text-xs break-words text-red-800 dark:text-red-200">{e.error.message}</span> : null}
    </span>
  );
}

/** The ids to paste into a ticket: the operation's, the job's (linking to the job on its target). */
export function EntryIds({ entry: e }: { entry: ShownEntry }) {
  const target = parseTargetPath(e.target);
  return (
    <span className="flex flex-col gap-0.5 font-mono text-xs break-all">
      {e.operationId ? <span><span className="sr-only">Operation </span>{e.operationId}</span> : null}
      {e.jobId ? (
        <span>
          {"job "}
          {target ? <Link to={targetHref(target, { job: e.jobId })} className={link}>{e.jobId}</Link> : e.jobId}
        </span>
      ) : null}
      {!e.operationId && !e.jobId ? "—" : null}
    </span>
  );
}
