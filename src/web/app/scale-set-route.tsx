import { createRoute } from "@tanstack/react-router";
import { rootRoute } from "./root.tsx";
import { deploymentSearchSchema } from "./search.ts";
import { ScaleSetPage } from "./target-pages.tsx";

// A virtual machine scale set's page, at a URL that mirrors its /api target path; the same target
// page as every other kind's.
export const scaleSetRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/s/$sub/resourceGroups/$rg/virtualMachineScaleSets/$vmss",
  validateSearch: (s) => deploymentSearchSchema.parse(s),
  component: ScaleSetPage,
});
