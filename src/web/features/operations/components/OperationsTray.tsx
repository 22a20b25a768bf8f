import type { Operation } from "../../../../shared/api.ts";
import { NotifyToggle } from "./NotifyToggle.tsx";
import { OperationDetails, OperationEntry, type TrayFollow } from "./OperationEntry.tsx";

interface Props {
  operations: Operation[] | undefined;
  /** The operation opened from the URL (`?op=`), fetched on its own in case it is not recent. */
  opened: Operation | undefined;
  openedId: string | undefined;
  error: string | null;
  onOpen: (id: string | undefined) => void;
  /** On a target's page: outcomes and Retry for that target's operations. */
  follow?: TrayFollow | undefined;
}

/** In-flight and recent operations of the subscription with their live status, newest first. */
export function OperationsTray({ operations, opened, openedId, error, onOpen, follow }: Props) {
  const list = operations ?? [];
  const openedOutsideList = openedId && !list.some((o) => o.id === openedId);
  const running = list.filter((o) => o.status === "InProgress").length;
  return (
    <section aria-labelledby="ops-title" className="rounded-lg border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <div className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-200 px-4 py-1.5 dark:border-slate-800">
        <h2 id="ops-title" className="text-sm font-semibold">
          Operations {running ? <span className="font-normal">· {running} in progress</span> : null}
        </h2>
        <NotifyToggle />
      </div>
      {error ? <p className="px-4 py-2 text-sm text-red-800 dark:text-red-200">{error}</p> : null}
      {openedOutsideList ? (
        <div className="border-b border-slate-200 px-4 py-2 text-sm dark:border-slate-800">
          {opened ? <OperationDetails op={opened} /> : <p>Loading operation {openedId}…</p>}
        </div>
      ) : null}
      {list.length === 0 ? <p className="px-4 py-3 text-sm text-slate-700 dark:text-slate-300">No recent operations.</p> : null}
      <ul className={`${follow ? "max-h-64" : "max-h-96"} divide-y divide-slate-200 overflow-y-auto dark:divide-slate-800`} aria-label="Recent operations">
        {list.map((op) => <OperationEntry key={op.id || `${op.target ?? ""}@${op.requestedAt}`} op={op} open={op.id === openedId} onOpen={onOpen} follow={follow} />)}
      </ul>
    </section>
  );
}
