import { queryOptions } from "@tanstack/react-query";
import { fetchServices } from "./api.ts";

export const serviceKeys = {
  all: ["services"] as const,
  list: (sub: string) => [...serviceKeys.all, sub] as const,
};

/** `intervalMs: false` stops polling (paused by the user). */
export function servicesQueryOptions(sub: string, intervalMs: number | false = false) {
  return queryOptions({
    queryKey: serviceKeys.list(sub),
    queryFn: ({ signal }) => fetchServices(sub, signal),
    refetchInterval: intervalMs,
    refetchOnWindowFocus: intervalMs !== false,
  });
}
