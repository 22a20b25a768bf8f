import { useMemo } from "react";
import type { Deployment } from "../../shared/api.ts";
import { activityByInstance } from "../features/deployment/activity.ts";
import { useStableItems } from "../features/deployment/stable-order.ts";
import { roleCounts, type ViewFilter } from "../features/deployment/view.ts";
import type { DeploymentSearch } from "./search.ts";

/** What the deployment page shows of its instances under the URL's filters: rows, counts, activity. */
/** `keep`: instances whose rows stay, marked, when they stop matching the filter (see useStableItems). */
export function useInstanceView(deployment: Deployment | undefined, search: DeploymentSearch, keep?: ReadonlySet<string>) {
  const instances = useMemo(() => deployment?.instances ?? [], [deployment]);
  const roleOrder = useMemo(() => deployment?.roles.map((r) => r.name) ?? [], [deployment]);
  const filter: ViewFilter = useMemo(() => ({ role: search.role, tone: search.tone, q: search.q, sort: search.sort }), [search.role, search.tone, search.q, search.sort]);
  const { items, holdHandlers } = useStableItems(instances, roleOrder, filter, keep);
  const shownCount = useMemo(() => items.filter((it) => it.kind === "instance" && !it.unmatched).length, [items]);
  const counts = useMemo(() => roleCounts(instances, roleOrder), [instances, roleOrder]);
  const inFlight = useMemo(() => deployment?.inFlight ?? [], [deployment]);
  const activity = useMemo(() => activityByInstance(inFlight), [inFlight]);
  return {
    instances,
    roleOrder,
    filter,
    filtering: !!(search.role || search.tone || search.q),
    items,
    holdHandlers,
    shownCount,
    counts,
    inFlight,
    activity,
  };
}

export type InstanceView = ReturnType<typeof useInstanceView>;
