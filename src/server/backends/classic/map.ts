import type { CloudService, DeploymentSummary, Instance, RoleSummary } from "../../../shared/api.ts";
import type { Slot } from "../../../shared/names.ts";
import type { getHostedServiceReply, WireDeploymentHead, WireRoleInstance } from "./wire.ts";
import type { z } from "zod";
import { isReady, statusTone } from "../../../shared/status-catalog.ts";
import type { TargetData } from "../types.ts";
import { decodeLabel } from "./xml.ts";

const slotOf = (wire: string): Slot => (wire.toLowerCase() === "staging" ? "staging" : "production");

export function toInstance(ri: WireRoleInstance): Instance {
  return {
    name: ri.InstanceName,
    role: ri.RoleName,
    status: ri.InstanceStatus,
    tone: statusTone(ri.InstanceStatus),
    powerState: ri.PowerState || "Unknown",
    upgradeDomain: ri.InstanceUpgradeDomain ?? 0,
    faultDomain: ri.InstanceFaultDomain ?? 0,
    size: ri.InstanceSize ?? "",
    // Optional fields are left out when upstream sent them empty, as the contract expects.
    ipAddress: ri.IpAddress || undefined,
    hostName: ri.HostName || undefined,
    stateDetails: ri.InstanceStateDetails || undefined,
    errorCode: ri.InstanceErrorCode || undefined,
  };
}

export function toDeployment(d: WireDeploymentHead, instances: Instance[]): TargetData {
  // Roles in RoleList order, then any role only seen on instances; counts from the instances.
  const counts = new Map<string, number>();
  for (const r of d.RoleList?.Role ?? []) counts.set(r.RoleName, 0);
  for (const i of instances) counts.set(i.role, (counts.get(i.role) ?? 0) + 1);
  const roles: RoleSummary[] = [...counts].map(([name, instanceCount]) => ({ name, instanceCount }));
  return {
    kind: "classic",
    name: d.Name,
    slot: slotOf(d.DeploymentSlot),
    status: d.Status,
    label: decodeLabel(d.Label ?? ""),
    upgradeDomainCount: d.UpgradeDomainCount ?? 1,
    roles,
    instances,
  };
}

export function toCloudService(s: z.infer<typeof getHostedServiceReply>["HostedService"]): CloudService {
  const p = s.HostedServiceProperties;
  const deployments = (s.Deployments?.Deployment ?? []).map((d): DeploymentSummary => {
    const list = d.RoleInstanceList?.RoleInstance;
    const summary: DeploymentSummary = { slot: slotOf(d.DeploymentSlot), name: d.Name, status: d.Status, instanceCount: list?.length ?? 0 };
    // Lets the start page point at an unhealthy deployment; left out when upstream sent no
    // instance list (then how many are ready is unknown, not zero).
    if (list) summary.readyCount = list.filter((ri) => isReady(ri.InstanceStatus)).length;
    return summary;
  });
  deployments.sort((a, b) => (a.slot === b.slot ? 0 : a.slot === "production" ? -1 : 1));
  return {
    name: s.ServiceName,
    label: decodeLabel(p?.Label ?? ""),
    location: p?.Location || (p?.AffinityGroup ? `affinity group ${p.AffinityGroup}` : ""),
    status: p?.Status ?? "",
    deployments,
  };
}
