import { cloudServiceListSchema, type CloudService } from "../../../shared/api.ts";
import { apiGet, apiPath } from "../../lib/api-client.ts";

export function fetchServices(sub: string, signal?: AbortSignal): Promise<CloudService[]> {
  return apiGet(apiPath("subscriptions", sub, "services"), cloudServiceListSchema, signal);
}
