import type { CloudService } from "../../model/types.ts";

/** ARM resource ids, as Azure spells them (provider namespace and type in their documented case). */
export const cloudServiceId = (subscriptionId: string, cs: CloudService): string =>
  `/subscriptions/${subscriptionId}/resourceGroups/${cs.resourceGroup}/providers/Microsoft.Compute/cloudServices/${cs.name}`;
