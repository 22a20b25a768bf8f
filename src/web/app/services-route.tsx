import { createRoute, lazyRouteComponent } from "@tanstack/react-router";
import { rootRoute } from "./root.tsx";
import { servicesSearchSchema } from "./search.ts";

// A subscription's start page. The page itself (lists, filters, operations) loads on demand, so a
// deep link to a target does not load it; its URL contract (params and search) stays here.
export const servicesRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/s/$sub",
  validateSearch: (s) => servicesSearchSchema.parse(s),
  component: lazyRouteComponent(() => import("./services-page.tsx"), "ServicesPage"),
});
