import { createRoute, lazyRouteComponent } from "@tanstack/react-router";
import { rootRoute } from "./root.tsx";
import { auditSearchSchema } from "./search.ts";

// The audit log of a subscription, or of one of its targets (`?target=`), with its filters and page
// in the URL. Loaded on demand: the on-call deep link to a target never needs it.
export const auditRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/s/$sub/audit",
  validateSearch: (s) => auditSearchSchema.parse(s),
  component: lazyRouteComponent(() => import("./audit-page.tsx"), "AuditPage"),
});
