import type { EmulatorState } from "../../model/state.ts";
import type { CloudService, Role } from "../../model/types.ts";
import { isoTime } from "../wire.ts";
import { cloudServiceId } from "./ids.ts";
import { statusesSummary } from "./instances.ts";

/** CloudService, CloudServiceRole, UpdateDomain and CloudServiceInstanceView JSON (reference B2, S4 mappers). */
const capacity = (cs: CloudService, role: Role): number => cs.instances.filter((i) => i.role === role.name).length;
const roleSku = (cs: CloudService, role: Role) => ({ name: role.size, tier: "Standard", capacity: capacity(cs, role) });

export function cloudServiceJson(state: EmulatorState, subscriptionId: string, cs: CloudService) {
  const updating = state.cloudServiceBlocking(cs) !== undefined;
  return {
    id: cloudServiceId(subscriptionId, cs),
    name: cs.name,
    type: "Microsoft.Compute/cloudServices",
    location: cs.location,
    tags: {},
    properties: {
      startCloudService: true,
      upgradeMode: cs.upgradeMode,
      roleProfile: { roles: cs.roles.map((r) => ({ name: r.name, sku: roleSku(cs, r) })) },
      osProfile: { secrets: [] },
      networkProfile: { loadBalancerConfigurations: [], slotType: "Production" },
      extensionProfile: { extensions: [] },
      provisioningState: updating ? "Updating" : "Succeeded",
      uniqueId: cs.uniqueId,
    },
    systemData: { createdAt: isoTime(cs.createdAt), lastModifiedAt: isoTime(cs.modifiedAt) },
  };
}

export function roleJson(subscriptionId: string, cs: CloudService, role: Role) {
  return {
    name: role.name,
    id: `${cloudServiceId(subscriptionId, cs)}/roles/${role.name}`,
    type: "Microsoft.Compute/cloudServices/roles",
    location: cs.location,
    sku: roleSku(cs, role),
    properties: { uniqueId: `${cs.uniqueId}:${role.name}` },
  };
}

export function updateDomainJson(subscriptionId: string, cs: CloudService, n: number) {
  return { id: `${cloudServiceId(subscriptionId, cs)}/updateDomains/${n}`, name: String(n) };
}

export function cloudServiceInstanceView(state: EmulatorState, cs: CloudService) {
  const now = state.now();
  const updating = state.cloudServiceBlocking(cs) !== undefined;
  const time = isoTime(cs.modifiedAt);
  return {
    roleInstance: { statusesSummary: statusesSummary(cs, now) },
    sdkVersion: cs.sdkVersion,
    privateIds: cs.instances.map((i) => i.privateId),
    statuses: [
      updating
        ? { code: "ProvisioningState/updating", level: "Info", displayStatus: "Updating", time }
        : { code: "ProvisioningState/succeeded", level: "Info", displayStatus: "Provisioning succeeded", time },
      { code: "PowerState/started", level: "Info", displayStatus: "Started", time },
      { code: "CurrentUpgradeDomain/-1", level: "Info", displayStatus: "Current Upgrade Domain of cloud service is -1.", time },
      { code: `MaxUpgradeDomain/${cs.updateDomainCount - 1}`, level: "Info", displayStatus: `Max Upgrade Domain of cloud service is ${cs.updateDomainCount - 1}.`, time },
    ],
  };
}
