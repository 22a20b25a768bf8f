import { scaleSetJson } from "../json/scale-set.ts";
import { ok, type ArmHandler } from "./context.ts";
import { findResourceGroup, findScaleSet, findSubscription } from "./lookup.ts";
import { page } from "./paging.ts";

/** Virtual Machine Scale Sets - List All: `GET /subscriptions/{sub}/providers/Microsoft.Compute/virtualMachineScaleSets`. */
export const listAllScaleSets: ArmHandler = (ctx) => {
  const sub = findSubscription(ctx);
  return ok(page(ctx, sub.scaleSets, (ss) => scaleSetJson(ctx.state, sub.id, ss)));
};

/** Virtual Machine Scale Sets - List: the scale sets of one resource group. */
export const listScaleSets: ArmHandler = (ctx) => {
  const { sub, resourceGroup } = findResourceGroup(ctx);
  const inGroup = sub.scaleSets.filter((ss) => ss.resourceGroup.toLowerCase() === resourceGroup.toLowerCase());
  return ok(page(ctx, inGroup, (ss) => scaleSetJson(ctx.state, sub.id, ss)));
};

/** Virtual Machine Scale Sets - Get. */
export const getScaleSet: ArmHandler = (ctx) => {
  const { sub, ss } = findScaleSet(ctx);
  return ok(scaleSetJson(ctx.state, sub.id, ss));
};
