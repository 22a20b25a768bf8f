import type { ArmTargetSummary, Instance, RoleSummary } from "../../../shared/api.ts";
import { armInstanceStatus } from "../../../shared/status-catalog.ts";
import { targetOfArmId, targetPath } from "../../../shared/targets.ts";
import { armTargetData } from "../arm/map.ts";
import type { TargetData } from "../types.ts";
import type { WireCloudService, WireRoleInstance } from "./wire.ts";

/** `FrontendRole_IN_3` → `FrontendRole`: the role of an instance, by the platform's naming. */
export function roleOf(instanceName: string): string {
  const at = instanceName.lastIndexOf("_IN_");
  return at > 0 ? instanceName.slice(0, at) : instanceName;
}

export function toInstance(ri: WireRoleInstance): Instance {
  const view = ri.properties?.instanceView;
  const statuses = view?.statuses ?? [];
  const { status, tone, message } = armInstanceStatus(statuses);
  const power = statuses.find((s) => s.code.startsWith("PowerState/"));
  return {
    name: ri.name,
    role: roleOf(ri.name),
    status,
    tone,
    powerState: power ? power.code.slice("PowerState/".length) : "unknown",
    upgradeDomain: view?.platformUpdateDomain ?? 0,
    faultDomain: view?.platformFaultDomain ?? 0,
    size: ri.sku?.name ?? "",
    stateDetails: message,
  };
}

/** Roles in the resource's roleProfile order, then any seen only on instances; counts from the instances. */
function rolesOf(cs: WireCloudService, instances: readonly Pick<Instance, "role">[]): RoleSummary[] {
  const counts = new Map<string, number>();
  for (const r of cs.properties?.roleProfile?.roles ?? []) counts.set(r.name, 0);
  for (const i of instances) counts.set(i.role, (counts.get(i.role) ?? 0) + 1);
  return [...counts].map(([name, instanceCount]) => ({ name, instanceCount }));
}

/** The swappable peer as a target path, when the resource names one Rolecall can address. */
function peerOf(cs: WireCloudService): string | undefined {
  const id = cs.properties?.networkProfile?.swappableCloudService?.id;
  const peer = id ? targetOfArmId(id) : undefined;
  return peer && targetPath(peer);
}

export function toTarget(cs: WireCloudService, resourceGroup: string, roleInstances: readonly WireRoleInstance[]): TargetData {
  const instances = roleInstances.map(toInstance);
  return {
    ...armTargetData("extended", cs, resourceGroup, instances, rolesOf(cs, instances)),
    slotType: cs.properties?.networkProfile?.slotType,
    peer: peerOf(cs),
  };
}

/** A list entry: instance counts from the roleProfile, ready from the instance view's summary. */
export function toSummary(cs: WireCloudService, resourceGroup: string, summary: readonly { code: string; count: number }[] | undefined): ArmTargetSummary {
  const roles = (cs.properties?.roleProfile?.roles ?? []).map((r) => ({ name: r.name, instanceCount: r.sku?.capacity ?? 0 }));
  const instanceCount = roles.reduce((n, r) => n + r.instanceCount, 0);
  return {
    resourceGroup,
    name: cs.name,
    location: cs.location,
    status: cs.properties?.provisioningState ?? "Unknown",
    instanceCount,
    // Started role instances: the one status the catalog counts as ready.
    readyCount: summary?.find((s) => s.code === "RoleState/RoleStateStarted")?.count ?? 0,
    roles,
    slotType: cs.properties?.networkProfile?.slotType,
    peer: peerOf(cs),
  };
}
