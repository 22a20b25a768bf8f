import { queryOptions } from "@tanstack/react-query";
import { fetchConfig, fetchMe } from "./api.ts";

export const configKeys = {
  all: ["config"] as const,
  config: () => [...configKeys.all, "app"] as const,
  me: () => [...configKeys.all, "me"] as const,
};

// Config changes only when the server restarts: fetched once per page load.
export function configQueryOptions() {
  return queryOptions({ queryKey: configKeys.config(), queryFn: ({ signal }) => fetchConfig(signal), staleTime: Infinity });
}

export function meQueryOptions() {
  return queryOptions({ queryKey: configKeys.me(), queryFn: ({ signal }) => fetchMe(signal), staleTime: 5 * 60_000 });
}
