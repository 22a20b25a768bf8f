import { createRoute, redirect } from "@tanstack/react-router";
import { slotSchema } from "../../shared/names.ts";
import { rootRoute } from "./root.tsx";
import { deploymentSearchSchema } from "./search.ts";
import { DeploymentPage } from "./target-pages.tsx";

// A classic deployment's page. The target page is part of the first bundle, not loaded on demand: a
// deep link to a target is the on-call path, and one file compresses better than two (bench "wire").
// What that path does not need loads on demand instead: the start page, the dialogs, and the parts
// only some visits show (a job's panel, an instance's details: lazy-part.tsx).
export const deploymentRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/s/$sub/services/$service/$slot",
  params: {
    parse: (p) => ({ ...p, slot: slotSchema.parse(p.slot) }),
    stringify: (p) => ({ ...p, slot: p.slot }),
  },
  validateSearch: (s) => deploymentSearchSchema.parse(s),
  component: DeploymentPage,
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
