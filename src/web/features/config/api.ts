import * as z from "zod/mini";
import { appConfigSchema, meSchema, subscriptionSchema, type AppConfig, type Me, type Subscription } from "../../../shared/api.ts";
import { ApiCallError, apiGet } from "../../lib/api-client.ts";
import { initAuth } from "../../lib/auth.ts";

/**
 * The start-up settings; also chooses the sign-in provider before anything else is fetched. With
 * sign-in, /api/config (answered before it) lists subscription ids only: their names come from
 * /api/subscriptions, asked as the signed-in user.
 */
export async function fetchConfig(signal?: AbortSignal): Promise<AppConfig> {
  const config = await apiGet("/api/config", appConfigSchema, signal);
  const auth = await initAuth(config.auth);
  if (auth.mode !== "msal" || !auth.user) return config;
  let subscriptions: Subscription[];
  try {
    subscriptions = await apiGet("/api/subscriptions", z.array(subscriptionSchema), signal);
  } catch (error) {
    // Refused sign-in (no role) must stop the start; an upstream hiccup only costs the names.
    if (error instanceof ApiCallError && (error.code === "Unauthenticated" || error.code === "Forbidden")) throw error;
    return config;
  }
  return { ...config, subscriptions };
}

export function fetchMe(signal?: AbortSignal): Promise<Me> {
  return apiGet("/api/me", meSchema, signal);
}
