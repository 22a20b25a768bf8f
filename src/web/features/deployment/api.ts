import { deploymentSchema, FETCHED_AT_HEADER, type Deployment } from "../../../shared/api.ts";
import type { TargetRef } from "../../../shared/targets.ts";
import { apiGetWithHeaders, targetApiPath } from "../../lib/api-client.ts";

/** `GET {T}`: a classic deployment, an extended cloud service, …, all in one shape. */
export async function fetchDeployment(target: TargetRef, signal?: AbortSignal): Promise<Deployment> {
  const { data, headers } = await apiGetWithHeaders(targetApiPath(target), deploymentSchema, signal);
  return withFetchedAt(data, headers.get(FETCHED_AT_HEADER));
}

/** `d` with the fetch time the reply's header gives, when it gives a valid one (else the body's). */
export function withFetchedAt(d: Deployment, header: string | null): Deployment {
  if (!header || header === d.fetchedAt || Number.isNaN(Date.parse(header))) return d;
  return { ...d, fetchedAt: header };
}
