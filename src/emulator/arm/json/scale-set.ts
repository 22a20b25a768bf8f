import type { EmulatorState } from "../../model/state.ts";
import type { ScaleSet } from "../../model/types.ts";
import { isoTime } from "../wire.ts";
import { scaleSetId } from "./ids.ts";

/**
 * VirtualMachineScaleSet JSON (reference C0, the SDK's mappers): a Uniform scale set whose model
 * Rolecall only reads. A health probe is the Application Health extension in the model, which is
 * what makes Azure report `vmHealth` on each instance.
 */
const healthExtension = {
  name: "HealthExtension",
  properties: {
    publisher: "Microsoft.ManagedServices",
    type: "ApplicationHealthLinux",
    typeHandlerVersion: "2.0",
    autoUpgradeMinorVersion: true,
    settings: { protocol: "http", port: 80, requestPath: "/healthz" },
  },
};

export function scaleSetJson(state: EmulatorState, subscriptionId: string, ss: ScaleSet) {
  const updating = state.scaleSetBlocking(ss) !== undefined;
  return {
    id: scaleSetId(subscriptionId, ss),
    name: ss.name,
    type: "Microsoft.Compute/virtualMachineScaleSets",
    location: ss.location,
    tags: {},
    sku: { name: ss.sku, tier: "Standard", capacity: ss.instances.length },
    zones: ss.zones,
    properties: {
      orchestrationMode: ss.orchestrationMode,
      upgradePolicy: { mode: ss.upgradeMode },
      provisioningState: updating ? "Updating" : "Succeeded",
      overprovision: false,
      singlePlacementGroup: false,
      uniqueId: ss.uniqueId,
      timeCreated: isoTime(ss.createdAt),
      virtualMachineProfile: {
        osProfile: { computerNamePrefix: ss.computerNamePrefix, adminUsername: "azureuser", linuxConfiguration: { disablePasswordAuthentication: true } },
        storageProfile: {
          imageReference: { publisher: "Canonical", offer: "ubuntu-24_04-lts", sku: "server", version: "latest" },
          osDisk: { createOption: "FromImage", caching: "ReadWrite", managedDisk: { storageAccountType: "Premium_LRS" } },
        },
        networkProfile: { networkInterfaceConfigurations: [] },
        extensionProfile: { extensions: ss.healthProbe ? [healthExtension] : [] },
      },
    },
  };
}
