import { appConfigSchema, meSchema } from "../../../shared/api-schemas.ts";
import type { AppConfig, Me } from "../../../shared/domain.ts";
import { apiGet } from "../../lib/api-client.ts";
import { initAuth } from "../../lib/auth.ts";

/** The start-up settings; also chooses the sign-in provider before anything else is fetched. */
export async function fetchConfig(signal?: AbortSignal): Promise<AppConfig> {
  const config = await apiGet("/api/config", appConfigSchema, signal);
  await initAuth(config.auth);
  return config;
}

export function fetchMe(signal?: AbortSignal): Promise<Me> {
  return apiGet("/api/me", meSchema, signal);
}
