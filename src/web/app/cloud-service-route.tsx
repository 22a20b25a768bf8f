import { createRoute } from "@tanstack/react-router";
import { rootRoute } from "./root.tsx";
import { deploymentSearchSchema } from "./search.ts";
import { CloudServicePage } from "./target-pages.tsx";

// A cloud service (extended support)'s page, at a URL that mirrors its /api target path. The same
// target page as a classic deployment's, with the same view state in the URL.
export const cloudServiceRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/s/$sub/resourceGroups/$rg/cloudServices/$name",
  validateSearch: (s) => deploymentSearchSchema.parse(s),
  component: CloudServicePage,
});
