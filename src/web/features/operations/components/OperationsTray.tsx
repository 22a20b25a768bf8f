import type { Job, Operation } from "../../../../shared/api.ts";
import { operationKey } from "../key.ts";
import { trayItems } from "../tray-items.ts";
import { NotifyToggle } from "./NotifyToggle.tsx";
import { OperationDetails, OperationEntry, type TrayFollow } from "./OperationEntry.tsx";
import { TrayJobEntry } from "./TrayJobEntry.tsx";

/** What the tray lists: the subscription's recent operations and rolling jobs, or why they could not be read. */
export interface TrayFeed {
  operations: Operation[] | undefined;
  jobs: Job[] | undefined;
  error: string | null;
}

interface Props {
  feed: TrayFeed;
  /** The operation opened from the URL (`?op=`), and its own fetch in case it is not recent. */
  opened: { id: string | undefined; op: Operation | undefined };
  onOpen: (id: string | undefined) => void;
  /** On a target's page: outcomes and Retry for that target's operations. */
  follow?: TrayFollow | undefined;
  /** "short" beside an open instance's details, which must stay in view; the list scrolls past that. */
  size?: "short" | "tall";
}

/**
 * In-flight and recent operations and jobs of the subscription with their live status, running ones
 * first, then newest first; each links to its target's page and instance. A fixed height that scrolls:
 * several entries in view, and the page below it does not move as entries come and go.
 */
export function OperationsTray({ feed, opened, onOpen, follow, size = "tall" }: Props) {
  const ops = feed.operations ?? [];
  const items = trayItems(ops, feed.jobs ?? []);
  const openedOutsideList = opened.id && !ops.some((o) => o.id === opened.id);
  const running = items.filter((i) => (i.kind === "operation" ? i.op.status === "InProgress" : i.job.state === "running")).length;
  return (
    <section aria-labelledby="ops-title" className="rounded-lg border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <div className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-200 px-4 py-1.5 dark:border-slate-800">
        <h2 id="ops-title" className="text-sm font-semibold">
          Operations and jobs {running ? <span className="font-normal">· {running} in progress</span> : null}
        </h2>
        <NotifyToggle />
      </div>
      {feed.error ? <p className="px-4 py-2 text-sm text-red-800 dark:text-red-200">{feed.error}</p> : null}
      {openedOutsideList ? (
        <div className="border-b border-slate-200 px-4 py-2 text-sm dark:border-slate-800">
          {opened.op ? <OperationDetails op={opened.op} /> : <p>Loading operation {opened.id}…</p>}
        </div>
      ) : null}
      {items.length === 0 ? <p className="px-4 py-3 text-sm text-slate-700 dark:text-slate-300">No recent operations or jobs.</p> : null}
      <ul className={`${size === "short" ? "max-h-56" : "max-h-[26rem]"} divide-y divide-slate-200 overflow-y-auto dark:divide-slate-800`} aria-label="Recent operations and jobs">
        {items.map((it) =>
          it.kind === "job" ? (
            <TrayJobEntry key={`job:${it.job.id}`} job={it.job} />
          ) : (
            <OperationEntry key={operationKey(it.op)} op={it.op} open={it.op.id === opened.id} onOpen={onOpen} follow={follow} />
          ),
        )}
      </ul>
    </section>
  );
}
