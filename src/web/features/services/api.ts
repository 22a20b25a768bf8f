import { cloudServiceListSchema } from "../../../shared/api-schemas.ts";
import type { CloudService } from "../../../shared/domain.ts";
import { apiGet, apiPath } from "../../lib/api-client.ts";

export function fetchServices(sub: string, signal?: AbortSignal): Promise<CloudService[]> {
  return apiGet(apiPath("subscriptions", sub, "services"), cloudServiceListSchema, signal);
}
