import { armErrors } from "../errors.ts";
import { roleInstanceJson, roleInstanceView } from "../json/instances.ts";
import { ok, type ArmContext, type ArmHandler } from "./context.ts";
import { findCloudService, findInstance } from "./lookup.ts";
import { page } from "./paging.ts";

/** `$expand=instanceView` nests each instance's view; `userData` exists in the spec but not for cloud services. */
function expandsInstanceView(ctx: ArmContext): boolean {
  const expand = ctx.query.$expand;
  if (expand === undefined) return false;
  if (expand.toLowerCase() === "instanceview") return true;
  throw armErrors.badParameter(`The value '${expand}' of parameter '$expand' is not supported for cloud services; use 'instanceView'.`);
}

/** Cloud Service Role Instances - List (pageable; `$expand=instanceView`). */
export const listRoleInstances: ArmHandler = (ctx) => {
  const expand = expandsInstanceView(ctx);
  const { sub, cs } = findCloudService(ctx);
  const now = ctx.state.now();
  return ok(page(ctx, cs.instances, (i) => roleInstanceJson(sub.id, cs, i, now, expand)));
};

/** Cloud Service Role Instances - Get. */
export const getRoleInstance: ArmHandler = (ctx) => {
  const expand = expandsInstanceView(ctx);
  const { sub, cs, instance } = findInstance(ctx);
  return ok(roleInstanceJson(sub.id, cs, instance, ctx.state.now(), expand));
};

/** Cloud Service Role Instances - Get Instance View. */
export const getRoleInstanceView: ArmHandler = (ctx) => {
  const { cs, instance } = findInstance(ctx);
  return ok(roleInstanceView(cs, instance, ctx.state.now()));
};
