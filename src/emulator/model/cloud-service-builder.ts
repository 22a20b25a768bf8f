import { requestIdToGuid } from "../../shared/names.ts";
import { buildInstances, DAY, OS_VERSION, type BuildContext } from "./scenario-builder.ts";
import type { ArmInstance, CloudService, InstanceRest, Role } from "./types.ts";

/** Turns a compact description of a cloud service (extended support) into model objects, deterministically. */
export interface CloudServiceSpec {
  resourceGroup: string;
  name: string;
  /** ARM form, e.g. `westeurope`. */
  location: string;
  updateDomainCount: number;
  upgradeMode?: CloudService["upgradeMode"];
  roles: { name: string; count: number; sku: string }[];
  /** Instances that do not start ReadyRole, by instance name. */
  unhealthy?: Record<string, InstanceRest>;
}

const SDK_VERSION = "2.9.6496.3";

const guid = (ctx: BuildContext): string => requestIdToGuid(ctx.prng.hex(32));

export function buildCloudService(ctx: BuildContext, spec: CloudServiceSpec): CloudService {
  const roles: Role[] = spec.roles.map((r) => ({ name: r.name, osVersion: OS_VERSION, size: r.sku, endpoints: [] }));
  // A privateId per instance, drawn in instance order (the sequence scenarios were built with).
  const instances: ArmInstance[] = buildInstances(ctx, spec.roles.map((r) => ({ name: r.name, count: r.count, size: r.sku })), spec.updateDomainCount, spec.unhealthy).map((i) => ({ ...i, privateId: guid(ctx) }));
  const createdAt = Math.floor((ctx.now - (30 + ctx.prng.int(300)) * DAY) / 1000) * 1000;
  return {
    name: spec.name,
    resourceGroup: spec.resourceGroup,
    location: spec.location,
    uniqueId: guid(ctx),
    sdkVersion: SDK_VERSION,
    upgradeMode: spec.upgradeMode ?? "Auto",
    updateDomainCount: spec.updateDomainCount,
    roles,
    instances,
    createdAt,
    modifiedAt: createdAt + ctx.prng.int(DAY),
  };
}
