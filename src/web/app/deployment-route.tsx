import { createRoute, lazyRouteComponent, redirect } from "@tanstack/react-router";
import { slotSchema } from "../../shared/names.ts";
import { rootRoute } from "./root.tsx";
import { deploymentSearchSchema } from "./search.ts";

// A classic deployment's page. The target page (table, dialog, virtualizer) loads on demand, keeping
// the first view's JavaScript small; its URL contract (params and search) stays here so links resolve at once.
export const deploymentRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/s/$sub/services/$service/$slot",
  params: {
    parse: (p) => ({ ...p, slot: slotSchema.parse(p.slot) }),
    stringify: (p) => ({ ...p, slot: p.slot }),
  },
  validateSearch: (s) => deploymentSearchSchema.parse(s),
  component: lazyRouteComponent(() => import("./target-pages.tsx"), "DeploymentPage"),
});

/** A service without a slot opens its production slot. */
export const serviceRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/s/$sub/services/$service",
  beforeLoad: ({ params }) => {
    // eslint-disable-next-line @typescript-eslint/only-throw-error -- TanStack Router redirects by throwing
    throw redirect({ to: "/s/$sub/services/$service/$slot", params: { ...params, slot: "production" }, replace: true });
  },
});
