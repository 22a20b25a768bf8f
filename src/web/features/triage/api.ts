import { triageSchema, type Triage } from "../../../shared/triage.ts";
import { apiGetWithHeaders, apiPath } from "../../lib/api-client.ts";
import { replyFreshness } from "../../lib/reply-freshness.ts";

/** What the triage view asks for: only the instances that are not ready, and/or a name or IP search. */
export interface TriageQuery {
  notReady: boolean;
  q: string | undefined;
}

/**
 * The reply, and how fresh it is (from the headers, which outrank a revalidated body): `fetchedAt`,
 * when its oldest part was read; `staleSince`, set when some part is the proxy's last good copy,
 * since when Azure has not answered.
 */
export type TriageResult = Triage & { fetchedAt: number | undefined; staleSince: number | undefined };

export async function fetchTriage(sub: string, query: TriageQuery, signal?: AbortSignal): Promise<TriageResult> {
  const params = new URLSearchParams();
  if (query.notReady) params.set("notReady", "1");
  if (query.q) params.set("q", query.q);
  const { data, headers } = await apiGetWithHeaders(`${apiPath("subscriptions", sub, "instances")}?${params.toString()}`, triageSchema, signal);
  const { fetchedAt, staleSince } = replyFreshness(headers);
  const read = fetchedAt === undefined ? undefined : Date.parse(fetchedAt);
  const since = staleSince === undefined ? undefined : Date.parse(staleSince);
  // A stale list says only since when Azure has not answered: what it lists was read before that.
  return { ...data, fetchedAt: since === undefined ? read : Math.min(read ?? since, since), staleSince: since };
}
