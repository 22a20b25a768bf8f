import { cloudServiceInstanceView, cloudServiceJson } from "../json/resources.ts";
import { ok, type ArmHandler } from "./context.ts";
import { findCloudService, findResourceGroup, findSubscription } from "./lookup.ts";
import { page } from "./paging.ts";

/** Cloud Services - List All: `GET /subscriptions/{sub}/providers/Microsoft.Compute/cloudServices`. */
export const listAllCloudServices: ArmHandler = (ctx) => {
  const sub = findSubscription(ctx);
  return ok(page(ctx, sub.cloudServices, (cs) => cloudServiceJson(ctx.state, sub.id, cs)));
};

/** Cloud Services - List: the cloud services of one resource group. */
export const listCloudServices: ArmHandler = (ctx) => {
  const { sub, resourceGroup } = findResourceGroup(ctx);
  const inGroup = sub.cloudServices.filter((cs) => cs.resourceGroup.toLowerCase() === resourceGroup.toLowerCase());
  return ok(page(ctx, inGroup, (cs) => cloudServiceJson(ctx.state, sub.id, cs)));
};

/** Cloud Services - Get. */
export const getCloudService: ArmHandler = (ctx) => {
  const { sub, cs } = findCloudService(ctx);
  return ok(cloudServiceJson(ctx.state, sub.id, cs));
};

/** Cloud Services - Get Instance View: `statusesSummary` over every instance, and the service's own statuses. */
export const getCloudServiceInstanceView: ArmHandler = (ctx) => {
  const { cs } = findCloudService(ctx);
  return ok(cloudServiceInstanceView(ctx.state, cs));
};
