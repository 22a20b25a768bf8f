import { inAction, statusSince, viewInstance } from "../../model/lifecycle.ts";
import type { ArmInstance, CloudService } from "../../model/types.ts";
import { isoTime } from "../wire.ts";
import { cloudServiceId } from "./ids.ts";

/**
 * How an instance of the shared state machine (model/lifecycle.ts, classic status names) reads over
 * ARM. Each instance reports three codes, in the order the cloud-service summary counts them
 * (reference B2): `ProvisioningState/…`, `PowerState/…`, `RoleState/…`.
 *
 * RoleState follows the CSES states page (reference B1, S14): Started = healthy and running;
 * Stopping; Stopped; Unknown = being created or not yet ready; Starting = on its way to Started;
 * Busy = not responding. ProvisioningState is `updating` while an action moves the instance, else
 * `succeeded`; PowerState is the classic power state in ARM's lower case.
 */
const roleStates: Record<string, string> = {
  ReadyRole: "RoleStateStarted",
  StoppingRole: "RoleStateStopping",
  StoppingVM: "RoleStateStopping",
  StoppedVM: "RoleStateStopped",
  CreatingVM: "RoleStateUnknown",
  CreatingRole: "RoleStateUnknown",
  StartingVM: "RoleStateStarting",
  StartingRole: "RoleStateStarting",
  BusyRole: "RoleStateStarting",
  RestartingRole: "RoleStateBusy",
  CyclingRole: "RoleStateBusy",
  FailedStartingRole: "RoleStateBusy",
  UnresponsiveRole: "RoleStateBusy",
};

/** Not-responding states that are the role's fault and will not clear by themselves. */
const errorStates = new Set(["CyclingRole", "FailedStartingRole", "UnresponsiveRole"]);

export interface ArmStatus {
  code: string;
  level: "Info" | "Warning" | "Error";
  displayStatus: string;
  message?: string;
  time: string;
}

export function instanceStatuses(cs: CloudService, instance: ArmInstance, now: number): ArmStatus[] {
  const view = viewInstance(instance, now);
  const time = isoTime(statusSince(instance, now) ?? cs.createdAt);
  const updating = inAction(instance, now);
  const roleState = roleStates[view.status] ?? "RoleStateUnknown";
  const level = errorStates.has(view.status) ? "Error" : view.status === "RestartingRole" ? "Warning" : "Info";
  return [
    updating
      ? { code: "ProvisioningState/updating", level: "Info", displayStatus: "Updating", time }
      : { code: "ProvisioningState/succeeded", level: "Info", displayStatus: "Provisioning succeeded", time },
    { code: `PowerState/${view.powerState.toLowerCase()}`, level: "Info", displayStatus: view.powerState, time },
    { code: `RoleState/${roleState}`, level, displayStatus: roleState, message: view.stateDetails, time },
  ];
}

/** RoleInstanceView: the instanceView endpoint's body, also nested under `properties.instanceView`. */
export function roleInstanceView(cs: CloudService, instance: ArmInstance, now: number) {
  return {
    platformUpdateDomain: instance.upgradeDomain,
    platformFaultDomain: instance.faultDomain,
    privateId: instance.privateId,
    statuses: instanceStatuses(cs, instance, now),
  };
}

export function roleInstanceJson(subscriptionId: string, cs: CloudService, instance: ArmInstance, now: number, expand: boolean) {
  const id = `${cloudServiceId(subscriptionId, cs)}/roleInstances/${instance.name}`;
  return {
    name: instance.name,
    id,
    type: "Microsoft.Compute/cloudServices/roleInstances",
    location: cs.location,
    tags: {},
    sku: { name: instance.size, tier: "Standard" },
    properties: {
      networkProfile: { networkInterfaces: [{ id: `${id}/networkInterfaces/nic1` }] },
      ...(expand ? { instanceView: roleInstanceView(cs, instance, now) } : {}),
    },
  };
}

/** Counts each code over every instance, in first-seen order (`statusesSummary`). */
export function statusesSummary(cs: CloudService, now: number): { code: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const instance of cs.instances) {
    for (const s of instanceStatuses(cs, instance, now)) counts.set(s.code, (counts.get(s.code) ?? 0) + 1);
  }
  return [...counts].map(([code, count]) => ({ code, count }));
}
