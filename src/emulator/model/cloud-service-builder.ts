import { requestIdToGuid } from "../../shared/names.ts";
import { ready } from "./lifecycle.ts";
import type { BuildContext } from "./scenario-builder.ts";
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

const DAY = 24 * 60 * 60 * 1000;
const SDK_VERSION = "2.9.6496.3";
const OS_VERSION = "WA-GUEST-OS-7.36_202411-01";

const guid = (ctx: BuildContext): string => requestIdToGuid(ctx.prng.hex(32));

function ipFor(n: number): string {
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
}

export function buildCloudService(ctx: BuildContext, spec: CloudServiceSpec): CloudService {
  const roles: Role[] = spec.roles.map((r) => ({ name: r.name, osVersion: OS_VERSION, size: r.sku, endpoints: [] }));
  const instances: ArmInstance[] = [];
  for (const r of spec.roles) {
    for (let i = 0; i < r.count; i++) {
      const name = `${r.name}_IN_${i}`;
      ctx.nextIp += 1;
      instances.push({
        name,
        role: r.name,
        upgradeDomain: i % spec.updateDomainCount,
        faultDomain: i % 2,
        size: r.sku,
        ipAddress: ipFor(ctx.nextIp),
        rest: spec.unhealthy?.[name] ?? ready,
        privateId: guid(ctx),
      });
    }
  }
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
