import type { ArmTargetSummary, Instance } from "../../../shared/api.ts";
import { armInstanceStatus } from "../../../shared/status-catalog.ts";
import { armTargetData } from "../arm/map.ts";
import type { TargetData } from "../types.ts";
import type { WireScaleSet, WireScaleSetVm } from "./wire.ts";

const after = (code: string | undefined, prefix: string) => (code?.startsWith(prefix) ? code.slice(prefix.length) : undefined);

/** Flexible scale sets hold plain virtual machines: no per-instance view or actions on the set (C0). */
export const isUniform = (ss: WireScaleSet) => (ss.properties?.orchestrationMode ?? "Uniform").toLowerCase() === "uniform";

/**
 * One virtual machine of a Uniform scale set as an instance: named by its instanceId (what the batch
 * calls take), in the one role named after the set; the health verdict joins its statuses, so the
 * catalog's one rule (armInstanceStatus) decides readiness.
 */
export function toInstance(vm: WireScaleSetVm, ss: WireScaleSet): Instance {
  const view = vm.properties?.instanceView;
  const healthStatus = view?.vmHealth?.status;
  const statuses = [...(view?.statuses ?? []), ...(healthStatus ? [healthStatus] : [])];
  const { status, tone, message } = armInstanceStatus(statuses);
  const instance: Instance = {
    name: vm.instanceId,
    role: ss.name,
    status,
    tone,
    powerState: after(statuses.find((s) => s.code.startsWith("PowerState/"))?.code, "PowerState/") ?? "unknown",
    upgradeDomain: view?.platformUpdateDomain ?? 0,
    faultDomain: view?.platformFaultDomain ?? 0,
    size: vm.sku?.name ?? ss.sku?.name ?? "",
    hostName: view?.computerName ?? vm.properties?.osProfile?.computerName,
    stateDetails: message,
    zone: vm.zones?.[0],
    health: after(healthStatus?.code, "HealthState/") ?? healthStatus?.code,
  };
  if (vm.properties?.protectionPolicy?.protectFromScaleSetActions === true) instance.protectedFromActions = true;
  return instance;
}

export function toTarget(ss: WireScaleSet, resourceGroup: string, vms: readonly WireScaleSetVm[]): TargetData {
  const instances = vms.map((vm) => toInstance(vm, ss));
  return armTargetData("scaleset", ss, resourceGroup, instances, [{ name: ss.name, instanceCount: instances.length }]);
}

/** A list entry: counts from the instances as listed, ready by the same rule as the target view. */
export function toSummary(ss: WireScaleSet, resourceGroup: string, vms: readonly WireScaleSetVm[]): ArmTargetSummary {
  const instances = vms.map((vm) => toInstance(vm, ss));
  return {
    resourceGroup,
    name: ss.name,
    location: ss.location,
    status: ss.properties?.provisioningState ?? "Unknown",
    instanceCount: instances.length,
    readyCount: instances.filter((i) => i.tone === "ok").length,
    roles: [{ name: ss.name, instanceCount: instances.length }],
  };
}
