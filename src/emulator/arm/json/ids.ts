import type { CloudService, ScaleSet } from "../../model/types.ts";

/** ARM resource ids, as Azure spells them (provider namespace and type in their documented case). */
export const cloudServiceId = (subscriptionId: string, cs: CloudService): string =>
  `/subscriptions/${subscriptionId}/resourceGroups/${cs.resourceGroup}/providers/Microsoft.Compute/cloudServices/${cs.name}`;

export const scaleSetId = (subscriptionId: string, ss: ScaleSet): string =>
  `/subscriptions/${subscriptionId}/resourceGroups/${ss.resourceGroup}/providers/Microsoft.Compute/virtualMachineScaleSets/${ss.name}`;
