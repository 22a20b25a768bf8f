import { QueryClient } from "@tanstack/react-query";
import { ApiCallError } from "./api-client.ts";

// One client for the app. Reads retry once (a poll that fails twice is shown as stale rather than
// hidden behind long back-off); mutations never retry: an action must be sent at most once.
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry: (failureCount, error) => failureCount < 1 && !(error instanceof ApiCallError && error.status !== undefined && error.status < 500),
        retryDelay: 500,
        refetchIntervalInBackground: false,
        refetchOnWindowFocus: true,
        staleTime: 1_000,
      },
      mutations: { retry: 0 },
    },
  });
}
