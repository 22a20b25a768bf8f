import type { Operation } from "../../../../shared/api.ts";
import { ProductionTag } from "../../../components/ui/badge.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { formatDateTime, formatTime } from "../../../lib/format.ts";
import { actionCopy } from "../copy.ts";
import { operationTarget } from "../target.ts";
import { OperationStatusBadge } from "./OperationStatusBadge.tsx";

interface Props {
  operations: Operation[] | undefined;
  /** The operation opened from the URL (`?op=`), fetched on its own in case it is not recent. */
  opened: Operation | undefined;
  openedId: string | undefined;
  error: string | null;
  onOpen: (id: string | undefined) => void;
  /** Shorter list, for a page where the tray sits above other panels. */
  compact?: boolean;
}

function Details({ op }: { op: Operation }) {
  return (
    <dl className="mt-2 grid grid-cols-[7rem_1fr] gap-x-2 gap-y-1 text-xs">
      <dt>Operation id</dt>
      <dd className="font-mono break-all">{op.id}</dd>
      <dt>Requested</dt>
      <dd>{formatDateTime(op.requestedAt)} by {op.requestedBy}</dd>
      {op.finishedAt ? (
        <>
          <dt>Finished</dt>
          <dd>{formatDateTime(op.finishedAt)}</dd>
        </>
      ) : null}
      {op.httpStatusCode ? (
        <>
          <dt>HTTP status</dt>
          <dd>{op.httpStatusCode}</dd>
        </>
      ) : null}
      {op.error ? (
        <>
          <dt>Azure said</dt>
          <dd>{op.error.message} ({op.error.code})</dd>
        </>
      ) : null}
    </dl>
  );
}

/** In-flight and recent operations of the subscription with their live status, newest first. */
export function OperationsTray({ operations, opened, openedId, error, onOpen, compact = false }: Props) {
  const list = operations ?? [];
  const openedOutsideList = openedId && !list.some((o) => o.id === openedId);
  return (
    <section aria-labelledby="ops-title" className="rounded-lg border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <h2 id="ops-title" className="border-b border-slate-200 px-4 py-2 text-sm font-semibold dark:border-slate-800">
        Operations {list.some((o) => o.status === "InProgress") ? <span className="font-normal">· {list.filter((o) => o.status === "InProgress").length} in progress</span> : null}
      </h2>
      {error ? <p className="px-4 py-2 text-sm text-red-800 dark:text-red-200">{error}</p> : null}
      {openedOutsideList ? (
        <div className="border-b border-slate-200 px-4 py-2 text-sm dark:border-slate-800">
          {opened ? <Details op={opened} /> : <p>Loading operation {openedId}…</p>}
        </div>
      ) : null}
      {list.length === 0 ? <p className="px-4 py-3 text-sm text-slate-700 dark:text-slate-300">No recent operations.</p> : null}
      <ul className={`${compact ? "max-h-48" : "max-h-96"} divide-y divide-slate-200 overflow-y-auto dark:divide-slate-800`} aria-label="Recent operations">
        {list.map((op) => {
          const open = op.id === openedId;
          const target = operationTarget(op);
          return (
            <li key={op.id} className="px-4 py-2 text-sm" data-operation={op.id}>
              <div className="flex flex-wrap items-center justify-between gap-2">
                <span className="inline-flex flex-wrap items-center gap-1.5 font-medium">
                  {target?.production ? <ProductionTag /> : null}
                  {actionCopy[op.action].verb} {op.instances.join(", ")}
                </span>
                <OperationStatusBadge status={op.status} />
              </div>
              <p className="text-xs text-slate-700 dark:text-slate-300">
                {target ? `${target.label} · ` : ""}by {op.requestedBy} at {formatTime(op.requestedAt)}
              </p>
              {op.status === "Failed" && op.error ? <p className="mt-1 text-xs text-red-800 dark:text-red-200">{op.error.message}</p> : null}
              <Button variant="ghost" size="sm" className="mt-1" aria-expanded={open} onClick={() => onOpen(open ? undefined : op.id)}>
                {open ? "Hide details" : "Details"}
              </Button>
              {open ? <Details op={op} /> : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
