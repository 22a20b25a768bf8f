import { armTargetListSchema, cloudServiceListSchema, type ArmTargetSummary, type CloudService } from "../../../shared/api.ts";
import { apiGet, apiPath } from "../../lib/api-client.ts";
import { classicRows, extendedRows, scaleSetRows, type ListedKind, type ServiceRow } from "./rows.ts";

export function fetchServices(sub: string, signal?: AbortSignal): Promise<CloudService[]> {
  return apiGet(apiPath("subscriptions", sub, "services"), cloudServiceListSchema, signal);
}

export function fetchCloudServices(sub: string, signal?: AbortSignal): Promise<ArmTargetSummary[]> {
  return apiGet(apiPath("subscriptions", sub, "cloudServices"), armTargetListSchema, signal);
}

export function fetchScaleSets(sub: string, signal?: AbortSignal): Promise<ArmTargetSummary[]> {
  return apiGet(apiPath("subscriptions", sub, "virtualMachineScaleSets"), armTargetListSchema, signal);
}

/** Each listed kind's endpoint, its reply as start-page rows. */
const lists: Record<ListedKind, (sub: string, signal?: AbortSignal) => Promise<ServiceRow[]>> = {
  classic: async (sub, signal) => classicRows(sub, await fetchServices(sub, signal)),
  extended: async (sub, signal) => extendedRows(sub, await fetchCloudServices(sub, signal)),
  scaleset: async (sub, signal) => scaleSetRows(sub, await fetchScaleSets(sub, signal)),
};

export function fetchServiceRows(sub: string, kind: ListedKind, signal?: AbortSignal): Promise<ServiceRow[]> {
  return lists[kind](sub, signal);
}
