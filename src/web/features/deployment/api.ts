import { deploymentSchema, type Deployment } from "../../../shared/api.ts";
import type { Slot } from "../../../shared/names.ts";
import { apiGet, apiPath } from "../../lib/api-client.ts";

export function fetchDeployment(sub: string, service: string, slot: Slot, signal?: AbortSignal): Promise<Deployment> {
  return apiGet(apiPath("subscriptions", sub, "services", service, "deployments", slot), deploymentSchema, signal);
}
