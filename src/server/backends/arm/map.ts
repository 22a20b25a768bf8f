import type { Instance, RoleSummary } from "../../../shared/api.ts";
import type { TargetData } from "../types.ts";

/**
 * A target read from ARM, as every ARM kind says it: named by the resource, its status the resource's
 * provisioningState, as many update domains as its instances span (at least one).
 */
export function armTargetData(kind: "extended" | "scaleset", resource: { name: string; properties?: { provisioningState?: string } }, resourceGroup: string, instances: Instance[], roles: RoleSummary[]): TargetData {
  return {
    kind,
    name: resource.name,
    resourceGroup,
    status: resource.properties?.provisioningState ?? "Unknown",
    label: resource.name,
    upgradeDomainCount: instances.reduce((max, i) => Math.max(max, i.upgradeDomain + 1), 1),
    roles,
    instances,
  };
}
