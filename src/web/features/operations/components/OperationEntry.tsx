import { useState } from "react";
import type { Operation } from "../../../../shared/api.ts";
import { parseTargetPath } from "../../../../shared/targets.ts";
import { ProductionTag } from "../../../components/ui/badge.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { formatDateTime, formatTime } from "../../../lib/format.ts";
import { Link } from "../../../lib/router.tsx";
import { targetHref } from "../../../lib/targets.ts";
import { useNow } from "../../../lib/use-now.ts";
import { actionCopy } from "../copy.ts";
import { operationKey, outcomeUnknown, UNKNOWN_FINAL } from "../key.ts";
import { outcomeText, type Outcome } from "../outcome.ts";
import { operationTarget } from "../target.ts";
import { OperationStatusBadge } from "./OperationStatusBadge.tsx";

/** What the target's page adds to the tray: how its operations ended for their instances, and Retry. */
export interface TrayFollow {
  /** The page's target (/api path): only its operations get outcomes and Retry here. */
  target: string;
  /** By operation key (key.ts). */
  outcomes: ReadonlyMap<string, readonly { instance: string; outcome: Outcome }[]>;
  /** Opens the same confirmation again, on fresh statuses. */
  onRetry: (op: Operation) => void;
  /** Why actions are off on the target now (Retry too), or null; `reasonId` is the sentence's id. */
  retryDisabledReason: string | null;
  reasonId: string;
}

/** The operation's identity and end, for pasting into a ticket. */
export function OperationDetails({ op }: { op: Operation }) {
  return (
    <dl className="mt-2 grid grid-cols-[7rem_1fr] gap-x-2 gap-y-1 text-xs">
      <dt>Operation id</dt>
      {op.id ? <dd className="font-mono break-all">{op.id}</dd> : <dd>None: Azure's answer to the request never came</dd>}
      <dt>Requested</dt>
      <dd>{formatDateTime(op.requestedAt)} by {op.requestedBy}</dd>
      {op.finishedAt ? (<><dt>Finished</dt><dd>{formatDateTime(op.finishedAt)}</dd></>) : null}
      {op.httpStatusCode ? (<><dt>HTTP status</dt><dd>{op.httpStatusCode}</dd></>) : null}
      {op.error ? (<><dt>Azure said</dt><dd>{op.error.message} ({op.error.code})</dd></>) : null}
    </dl>
  );
}

const toneClass: Record<Outcome["tone"], string> = {
  ok: "text-green-800 dark:text-green-300",
  warn: "text-amber-900 dark:text-amber-200",
  failed: "text-red-800 dark:text-red-200",
};

function OutcomeLine({ instance, outcome, many }: { instance: string; outcome: Outcome; many: boolean }) {
  const now = useNow(outcome.waitingSince === undefined ? 60_000 : 1_000);
  return (
    <p className={`mt-1 text-xs font-semibold ${toneClass[outcome.tone]}`} title={outcome.detail}>
      {many ? `${instance}: ` : ""}{outcomeText(outcome, now)}
    </p>
  );
}

const link = "text-blue-800 underline underline-offset-2 dark:text-blue-300";

/** The instances acted on, each a link to its details on the target's page (plain names when the target is not known). */
function InstanceLinks({ op }: { op: Operation }) {
  const ref = op.target ? parseTargetPath(op.target) : undefined;
  if (!ref) return <>{op.instances.join(", ")}</>;
  return (
    <>
      {op.instances.map((name, i) => (
        <span key={name}>
          {i > 0 ? ", " : null}
          <Link to={targetHref(ref, { instance: name, op: op.id })} className={link}>{name}</Link>
        </span>
      ))}
    </>
  );
}

const sameTarget = (op: Operation, target: string) => op.target?.toLowerCase() === target.toLowerCase();

function RetryButton({ op, follow }: { op: Operation; follow: TrayFollow }) {
  const off = follow.retryDisabledReason !== null;
  return (
    <Button
      size="sm"
      className={`mt-1 mr-1 ${off ? "cursor-not-allowed opacity-60" : ""}`}
      aria-label={`Retry ${op.action} of ${op.instances.join(", ")}`}
      aria-disabled={off || undefined}
      aria-describedby={off ? follow.reasonId : undefined}
      onClick={() => (off ? undefined : follow.onRetry(op))}
    >
      Retry…
    </Button>
  );
}

/** One operation: what, where, who, its status; how it ended for its instances; Retry; details. */
export function OperationEntry({ op, open, onOpen, follow }: { op: Operation; open: boolean; onOpen: (id: string | undefined) => void; follow: TrayFollow | undefined }) {
  const target = operationTarget(op);
  const ref = op.target ? parseTargetPath(op.target) : undefined;
  const here = follow && sameTarget(op, follow.target) ? follow : undefined;
  const outcomes = here?.outcomes.get(operationKey(op)) ?? [];
  const unknown = outcomeUnknown(op);
  // A single action can be tried again from here; a job's step is resumed from its job. Not one whose
  // outcome is unknown: it may have run, and the instance is what to check first.
  const retry = here && op.status === "Failed" && !unknown && op.instances.length === 1;
  // Without an operation id there is nothing for the URL to name: its details open here only.
  const [openHere, setOpenHere] = useState(false);
  const shown = op.id ? open : openHere;
  const toggle = () => (op.id ? onOpen(open ? undefined : op.id) : setOpenHere(!openHere));
  // On the meta line (one line less per entry: more entries in view), or beside Retry… when there is one.
  const details = (
    <Button variant="ghost" size="sm" aria-expanded={shown} onClick={toggle}>
      {shown ? "Hide details" : "Details"}
    </Button>
  );
  const what = `${actionCopy[op.action].verb.toLowerCase()} of ${op.instances.join(", ")}`;
  return (
    <li className="px-4 py-2 text-sm" data-operation={op.id}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <span className="inline-flex flex-wrap items-center gap-1.5 font-medium">
          {target?.production ? <ProductionTag /> : null}
          <span>{actionCopy[op.action].verb} <InstanceLinks op={op} /></span>
        </span>
        <OperationStatusBadge status={op.status} unknown={unknown} />
      </div>
      <div className="flex flex-wrap items-center gap-x-2 text-xs text-slate-700 dark:text-slate-300">
        <span>{target && ref ? <><Link to={targetHref(ref, { op: op.id })} className={link}>{target.label}</Link> · </> : null}by {op.requestedBy} at {formatTime(op.requestedAt)}</span>
        {retry ? null : details}
      </div>
      {unknown ? (
        <p className="mt-1 text-xs font-semibold text-amber-900 dark:text-amber-200">
          {UNKNOWN_FINAL}. Rolecall never learnt how this {what} ended, and no longer holds the target.
        </p>
      ) : null}
      {op.status === "Failed" && op.error ? <p className={`mt-1 text-xs ${unknown ? "text-slate-700 dark:text-slate-300" : "text-red-800 dark:text-red-200"}`}>{op.error.message}</p> : null}
      {op.unconfirmed && !unknown ? <p className="mt-1 text-xs font-semibold text-amber-900 dark:text-amber-200">May have started: Rolecall could not confirm whether Azure got it, and holds the target until Azure shows nothing running on it. Check the instances before acting.</p> : null}
      {outcomes.map((o) => <OutcomeLine key={o.instance} instance={o.instance} outcome={o.outcome} many={outcomes.length > 1} />)}
      {retry ? <div className="flex items-center"><RetryButton op={op} follow={here} />{details}</div> : null}
      {shown ? <OperationDetails op={op} /> : null}
    </li>
  );
}
