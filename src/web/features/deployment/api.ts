import { deploymentSchema, type Deployment } from "../../../shared/api.ts";
import type { TargetRef } from "../../../shared/targets.ts";
import { apiGet, targetApiPath } from "../../lib/api-client.ts";

/** `GET {T}`: a classic deployment, an extended cloud service, …, all in one shape. */
export function fetchDeployment(target: TargetRef, signal?: AbortSignal): Promise<Deployment> {
  return apiGet(targetApiPath(target), deploymentSchema, signal);
}
