import { FETCHED_AT_HEADER } from "../../../shared/api.ts";
import { triageSchema, type Triage } from "../../../shared/triage.ts";
import { apiGetWithHeaders, apiPath } from "../../lib/api-client.ts";

/** What the triage view asks for: only the instances that are not ready, and/or a name or IP search. */
export interface TriageQuery {
  notReady: boolean;
  q: string | undefined;
}

/** The reply, and when its oldest target was read (the header outranks a revalidated body). */
export type TriageResult = Triage & { fetchedAt: number | undefined };

export async function fetchTriage(sub: string, query: TriageQuery, signal?: AbortSignal): Promise<TriageResult> {
  const params = new URLSearchParams();
  if (query.notReady) params.set("notReady", "1");
  if (query.q) params.set("q", query.q);
  const { data, headers } = await apiGetWithHeaders(`${apiPath("subscriptions", sub, "instances")}?${params.toString()}`, triageSchema, signal);
  const at = Date.parse(headers.get(FETCHED_AT_HEADER) ?? "");
  return { ...data, fetchedAt: Number.isNaN(at) ? undefined : at };
}
