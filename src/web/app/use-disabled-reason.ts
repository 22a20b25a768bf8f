import { useQuery, type UseQueryResult } from "@tanstack/react-query";
import type { Deployment, Operation } from "../../shared/api.ts";
import { meQueryOptions } from "../features/config/queries.ts";
import { busyReason } from "../features/deployment/activity.ts";
import { explainError } from "../lib/errors.ts";
import { formatTime } from "../lib/format.ts";
import { usePoll } from "./live.tsx";

/** Shown on every action a reader sees: disabled with the reason, never offered and then refused. */
const readerReason = "Your role is Reader; only Operators can reimage, reboot or rebuild.";
const pausedReason = "Live updates are paused; resume them to act.";

/**
 * Why the deployment's actions are off right now, or null. The first that applies wins: who you
 * are, paused or stale data (acting on data that may be out of date is how the wrong instance gets
 * reimaged), an operation in flight, permissions not yet known.
 */
export function useDisabledReason(q: UseQueryResult<Deployment>, inFlight: readonly Operation[]): string | null {
  const me = useQuery(meQueryOptions());
  const { paused } = usePoll();
  const permission = me.isError ? `Could not check your permissions: ${explainError(me.error)}` : me.data && !me.data.roles.includes("operator") ? readerReason : null;
  // A failed poll, or the proxy's last good copy because Azure did not answer.
  const staleSince = q.data?.stale ? Date.parse(q.data.fetchedAt) : q.isError && q.data ? q.dataUpdatedAt : undefined;
  const stale = staleSince !== undefined ? `Data is stale since ${formatTime(staleSince)}; actions are off until it refreshes.` : null;
  return permission ?? (paused ? pausedReason : null) ?? stale ?? busyReason(inFlight) ?? (me.data ? null : "Checking your permissions…");
}
