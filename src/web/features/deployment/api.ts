import { deploymentSchema, type Deployment } from "../../../shared/api.ts";
import type { TargetRef } from "../../../shared/targets.ts";
import { apiGetWithHeaders, targetApiPath } from "../../lib/api-client.ts";
import { replyFreshness } from "../../lib/reply-freshness.ts";

/** `GET {T}`: a classic deployment, an extended cloud service, …, all in one shape. */
export async function fetchDeployment(target: TargetRef, signal?: AbortSignal): Promise<Deployment> {
  const { data, headers } = await apiGetWithHeaders(targetApiPath(target), deploymentSchema, signal);
  return withFetchedAt(data, replyFreshness(headers).fetchedAt);
}

/** `d` with the fetch time the reply's header gives, when it gives one (else the body's). */
export function withFetchedAt(d: Deployment, fetchedAt: string | undefined): Deployment {
  if (!fetchedAt || fetchedAt === d.fetchedAt) return d;
  return { ...d, fetchedAt };
}
