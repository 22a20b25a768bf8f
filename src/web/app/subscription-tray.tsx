import { useQuery } from "@tanstack/react-query";
import { jobListQueryOptions } from "../features/jobs/queries.ts";
import type { TrayFollow } from "../features/operations/components/OperationEntry.tsx";
import { OperationsTray } from "../features/operations/components/OperationsTray.tsx";
import { operationQueryOptions, operationsQueryOptions } from "../features/operations/queries.ts";
import { explainError } from "../lib/errors.ts";
import { usePoll } from "./live.tsx";

/** Jobs the tray lists: a day's worth on a busy subscription; older ones are on the audit page. */
const TRAY_JOBS = 10;

interface Props {
  sub: string;
  /** `?op=`: the operation whose details are open. */
  openedId: string | undefined;
  onOpen: (id: string | undefined) => void;
  follow?: TrayFollow | undefined;
  size?: "short" | "tall";
}

/**
 * The subscription's operations and jobs in the tray. The page reads the same operations for its
 * own use (notices, outcomes): one query, shared through the cache, polled once.
 */
export function SubscriptionTray({ sub, openedId, onOpen, follow, size }: Props) {
  const poll = usePoll();
  const ops = useQuery(operationsQueryOptions(sub, poll));
  const jobs = useQuery(jobListQueryOptions(sub, undefined, TRAY_JOBS, poll));
  // An operation opened from a link may be older than the recent list: fetched on its own.
  const opened = useQuery({ ...operationQueryOptions(sub, openedId ?? "", poll), enabled: !!openedId && !!ops.data && !ops.data.some((o) => o.id === openedId) });
  const error = ops.isError ? explainError(ops.error) : jobs.isError ? `Could not load the jobs: ${explainError(jobs.error)}` : null;
  return <OperationsTray feed={{ operations: ops.data, jobs: jobs.data, error }} opened={{ id: openedId, op: opened.data }} onOpen={onOpen} follow={follow} size={size} />;
}
