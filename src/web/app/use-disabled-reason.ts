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
  const stale = q.isError && q.data ? `Data is stale since ${formatTime(q.dataUpdatedAt)}; actions are off until it refreshes.` : null;
  return permission ?? (paused ? pausedReason : null) ?? stale ?? busyReason(inFlight) ?? (me.data ? null : "Checking your permissions…");
}
