import { inAction, statusSince, viewInstance } from "../../model/lifecycle.ts";
import type { ScaleSet, ScaleSetVm } from "../../model/types.ts";
import { isoTime } from "../wire.ts";
import { scaleSetId } from "./ids.ts";
import type { ArmStatus } from "./instances.ts";

/** InstanceViewStatus; Compute's PowerState statuses carry no time. */
type VmStatus = Omit<ArmStatus, "time"> & { time?: string };

/**
 * How a scale-set virtual machine of the shared state machine (model/lifecycle.ts, classic status
 * names) reads over ARM (reference C2): `ProvisioningState/…` (`updating` while an action moves it),
 * `PowerState/…` in Compute's words, and, only when the scale set has a health probe, `vmHealth`.
 */
const powerStates: Record<string, { code: string; display: string }> = {
  Started: { code: "running", display: "VM running" },
  Stopping: { code: "stopping", display: "VM stopping" },
  Stopped: { code: "stopped", display: "VM stopped" },
  Starting: { code: "starting", display: "VM starting" },
};

/**
 * The application health probe's verdict. It answers only once the application runs: while the
 * machine is down it is `unknown`, while the application starts (the probe's grace period)
 * `initializing`. An application that runs but does not answer, or keeps failing, is `unhealthy`.
 * Values beyond healthy/unhealthy are UNCONFIRMED in the reference; these are the Application Health
 * extension's documented states.
 */
const healthStates: Record<string, "healthy" | "unhealthy" | "initializing"> = {
  ReadyRole: "healthy",
  UnresponsiveRole: "unhealthy",
  CyclingRole: "unhealthy",
  FailedStartingRole: "unhealthy",
  RestartingRole: "unhealthy",
  CreatingRole: "initializing",
  StartingRole: "initializing",
  BusyRole: "initializing",
};

function statuses(ss: ScaleSet, vm: ScaleSetVm, now: number): { statuses: VmStatus[]; health: VmStatus } {
  const view = viewInstance(vm, now);
  const time = isoTime(statusSince(vm, now) ?? ss.createdAt);
  const power = powerStates[view.powerState] ?? { code: "unknown", display: "VM status unknown" };
  const health = healthStates[view.status] ?? "unknown";
  const provisioning: VmStatus = inAction(vm, now)
    ? { code: "ProvisioningState/updating", level: "Info", displayStatus: "Updating", time }
    : { code: "ProvisioningState/succeeded", level: "Info", displayStatus: "Provisioning succeeded", time };
  return {
    statuses: [provisioning, { code: `PowerState/${power.code}`, level: "Info", displayStatus: power.display }],
    health: {
      code: `HealthState/${health}`,
      level: health === "unhealthy" ? "Warning" : "Info",
      displayStatus: health.charAt(0).toUpperCase() + health.slice(1),
      time,
    },
  };
}

/** VirtualMachineScaleSetVMInstanceView: the instanceView endpoint's body, also under `properties.instanceView`. */
export function scaleSetVmInstanceView(ss: ScaleSet, vm: ScaleSetVm, now: number) {
  const s = statuses(ss, vm, now);
  return {
    platformUpdateDomain: vm.upgradeDomain,
    platformFaultDomain: vm.faultDomain,
    computerName: vm.computerName,
    statuses: s.statuses,
    ...(ss.healthProbe ? { vmHealth: { status: s.health } } : {}),
  };
}

/** VirtualMachineScaleSetVM: `instanceView` only with `$expand=instanceView`. */
export function scaleSetVmJson(subscriptionId: string, ss: ScaleSet, vm: ScaleSetVm, now: number, expand: boolean) {
  const id = `${scaleSetId(subscriptionId, ss)}/virtualMachines/${vm.instanceId}`;
  return {
    name: vm.name,
    id,
    type: "Microsoft.Compute/virtualMachineScaleSets/virtualMachines",
    location: ss.location,
    tags: {},
    instanceId: vm.instanceId,
    sku: { name: vm.size, tier: "Standard" },
    zones: [vm.zone],
    properties: {
      latestModelApplied: vm.latestModelApplied,
      vmId: vm.vmId,
      provisioningState: inAction(vm, now) ? "Updating" : "Succeeded",
      // Azure sends protectionPolicy only for an instance that has one set.
      ...(vm.protectFromScaleIn || vm.protectFromScaleSetActions
        ? { protectionPolicy: { protectFromScaleIn: vm.protectFromScaleIn, protectFromScaleSetActions: vm.protectFromScaleSetActions } }
        : {}),
      osProfile: { computerName: vm.computerName, adminUsername: "azureuser" },
      networkProfile: { networkInterfaces: [{ id: `${id}/networkInterfaces/nic0` }] },
      timeCreated: isoTime(ss.createdAt),
      ...(expand ? { instanceView: scaleSetVmInstanceView(ss, vm, now) } : {}),
    },
  };
}
