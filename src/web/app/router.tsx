import { createRouter } from "@tanstack/react-router";
import type { QueryClient } from "@tanstack/react-query";
import { auditRoute } from "./audit-route.tsx";
import { cloudServiceRoute } from "./cloud-service-route.tsx";
import { deploymentRoute, serviceRoute } from "./deployment-route.tsx";
import { indexRoute } from "./index-route.tsx";
import { rootRoute } from "./root.tsx";
import { scaleSetRoute } from "./scale-set-route.tsx";
import { parseSearch, stringifySearch } from "./search.ts";
import { servicesRoute } from "./services-route.tsx";
import { triageRoute } from "./triage-route.tsx";

const routeTree = rootRoute.addChildren([indexRoute, servicesRoute, serviceRoute, deploymentRoute, cloudServiceRoute, scaleSetRoute, auditRoute, triageRoute]);

export function createAppRouter(queryClient: QueryClient) {
  return createRouter({
    routeTree,
    context: { queryClient },
    parseSearch,
    stringifySearch,
    defaultPreload: "intent",
    // The query cache owns freshness; the router should not add its own caching on top.
    defaultPreloadStaleTime: 0,
    scrollRestoration: true,
  });
}

declare module "@tanstack/react-router" {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
