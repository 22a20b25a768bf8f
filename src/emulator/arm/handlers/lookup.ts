import { subscriptionIdPattern } from "../../../shared/names.ts";
import type { ArmInstance, CloudService, Role, ScaleSet, ScaleSetVm, Subscription } from "../../model/types.ts";
import { ArmError, armErrors } from "../errors.ts";
import type { ArmContext } from "./context.ts";

/** Resolves path parameters to model objects, throwing ARM's errors for unknown names. */
export function findSubscription(ctx: ArmContext): Subscription {
  const id = ctx.params.subscription ?? "";
  if (!subscriptionIdPattern.test(id)) {
    throw new ArmError(400, "InvalidSubscriptionId", `The provided subscription identifier '${id}' is malformed or invalid.`);
  }
  const sub = ctx.state.subscription(id);
  if (!sub) throw armErrors.noSubscription(id);
  return sub;
}

export function findResourceGroup(ctx: ArmContext): { sub: Subscription; resourceGroup: string } {
  const sub = findSubscription(ctx);
  const resourceGroup = ctx.params.resourceGroup ?? "";
  if (!ctx.state.resourceGroupExists(sub, resourceGroup)) throw armErrors.noResourceGroup(resourceGroup);
  return { sub, resourceGroup };
}

export function findCloudService(ctx: ArmContext): { sub: Subscription; cs: CloudService } {
  const { sub, resourceGroup } = findResourceGroup(ctx);
  const name = ctx.params.cloudService ?? "";
  const cs = ctx.state.cloudService(sub, resourceGroup, name);
  if (!cs) throw armErrors.noCloudService(resourceGroup, name);
  return { sub, cs };
}

export function findInstance(ctx: ArmContext): { sub: Subscription; cs: CloudService; instance: ArmInstance } {
  const { sub, cs } = findCloudService(ctx);
  const name = ctx.params.roleInstance ?? "";
  const instance = ctx.state.armInstance(cs, name);
  if (!instance) throw armErrors.noChild(cs.resourceGroup, cs.name, "roleInstances", name);
  return { sub, cs, instance };
}

export function findRole(ctx: ArmContext): { sub: Subscription; cs: CloudService; role: Role } {
  const { sub, cs } = findCloudService(ctx);
  const name = ctx.params.role ?? "";
  const role = cs.roles.find((r) => r.name.toLowerCase() === name.toLowerCase());
  if (!role) throw armErrors.noChild(cs.resourceGroup, cs.name, "roles", name);
  return { sub, cs, role };
}

export function findScaleSet(ctx: ArmContext): { sub: Subscription; ss: ScaleSet } {
  const { sub, resourceGroup } = findResourceGroup(ctx);
  const name = ctx.params.scaleSet ?? "";
  const ss = ctx.state.scaleSet(sub, resourceGroup, name);
  if (!ss) throw armErrors.noScaleSet(resourceGroup, name);
  return { sub, ss };
}

export function findScaleSetVm(ctx: ArmContext): { sub: Subscription; ss: ScaleSet; vm: ScaleSetVm } {
  const { sub, ss } = findScaleSet(ctx);
  const instanceId = ctx.params.instanceId ?? "";
  const vm = ctx.state.scaleSetVm(ss, instanceId);
  if (!vm) throw armErrors.noScaleSetVm(ss.resourceGroup, ss.name, instanceId);
  return { sub, ss, vm };
}
