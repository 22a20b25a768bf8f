import { armErrors } from "../errors.ts";
import { scaleSetVmInstanceView, scaleSetVmJson } from "../json/scale-set-vm.ts";
import { ok, type ArmContext, type ArmHandler } from "./context.ts";
import { findScaleSet, findScaleSetVm } from "./lookup.ts";
import { page } from "./paging.ts";

/**
 * `$expand=instanceView` nests each instance's view. The spec's other expansions (`userData`,
 * `resiliencyView`) and the list's `$filter` / `$select` are refused rather than ignored, so that a
 * client relying on them finds out here and not against Azure.
 */
function expandsInstanceView(ctx: ArmContext): boolean {
  for (const name of ["$filter", "$select"]) {
    if (ctx.query[name] !== undefined) throw armErrors.badParameter(`The parameter '${name}' is not supported by the emulator.`);
  }
  const expand = ctx.query.$expand;
  if (expand === undefined) return false;
  if (expand.toLowerCase() === "instanceview") return true;
  throw armErrors.badParameter(`The value '${expand}' of parameter '$expand' is not supported by the emulator; use 'instanceView'.`);
}

/** Virtual Machine Scale Set VMs - List (pageable; `$expand=instanceView`). */
export const listScaleSetVms: ArmHandler = (ctx) => {
  const expand = expandsInstanceView(ctx);
  const { sub, ss } = findScaleSet(ctx);
  const now = ctx.state.now();
  return ok(page(ctx, ss.instances, (vm) => scaleSetVmJson(sub.id, ss, vm, now, expand)));
};

/** Virtual Machine Scale Set VMs - Get. */
export const getScaleSetVm: ArmHandler = (ctx) => {
  const expand = expandsInstanceView(ctx);
  const { sub, ss, vm } = findScaleSetVm(ctx);
  return ok(scaleSetVmJson(sub.id, ss, vm, ctx.state.now(), expand));
};

/** Virtual Machine Scale Set VMs - Get Instance View. */
export const getScaleSetVmInstanceView: ArmHandler = (ctx) => {
  const { ss, vm } = findScaleSetVm(ctx);
  return ok(scaleSetVmInstanceView(ss, vm, ctx.state.now()));
};
