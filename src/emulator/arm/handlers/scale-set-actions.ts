import type { EmulatorState } from "../../model/state.ts";
import type { ActionKind, ScaleSet, ScaleSetVm } from "../../model/types.ts";
import { armErrors } from "../errors.ts";
import type { ArmContext, ArmHandler } from "./context.ts";
import { findScaleSet, findScaleSetVm } from "./lookup.ts";
import { batchNames } from "./batch-body.ts";
import { accepted } from "./operations.ts";

/**
 * The actions on a Uniform scale set (reference C1), as long-running operations like the cloud
 * services' (202, both status URLs). The state machine's actions stand for Compute's: restart is its
 * reboot, reimage its reimage (the OS disk), reimageall its rebuild (every disk). One operation at a
 * time per scale set: a second one while the first runs is 409 `Conflict`, as for cloud services.
 */

/** A body is optional everywhere; when present it must be a JSON object (JSON `null` counts as none). */
function checkBody(body: string): void {
  batchNames(body, "instanceIds");
}

/**
 * Virtual Machine Scale Set VMs - Reimage / Reimage All / Restart. Reimage's optional parameters
 * (tempDisk, exactVersion, osProfile, …) are read but change nothing here. Instance protection does
 * not apply: Azure documents that protection from scale-set actions does not block user-initiated
 * operations on the instance itself (instance protection docs, "Protect from scale set actions").
 */
function vmAction(action: ActionKind): ArmHandler {
  return (ctx) => {
    const { sub, ss, vm } = findScaleSetVm(ctx);
    checkBody(ctx.body);
    if (ctx.state.scaleSetBlocking(ss)) throw armErrors.conflict();
    return accepted(ctx, ctx.state.startScaleSetAction(sub, ss, [vm], action, ctx.apiVersion));
  };
}

/** What a batch without a choice acts on: every instance, except those protected from scale-set actions, which Azure leaves alone. */
const everyInstance = (ss: ScaleSet): ScaleSetVm[] => ss.instances.filter((vm) => !vm.protectFromScaleSetActions);

/**
 * The instances a `{"instanceIds": [...]}` body chooses; no choice means every instance (batchNames;
 * spec text "Omitting the virtual machine scale set instance ids will result in the operation being
 * performed on all virtual machines").
 *
 * An id that names no instance is Azure's 400 `InvalidParameter` (target `instanceIds`), as the
 * cloud-service batch refuses an unknown role instance with 400 `InvalidParameter`; naming an instance
 * protected from scale-set actions is refused as a whole (see armErrors.protectedInstances).
 */
function requestedInstances(state: EmulatorState, ss: ScaleSet, body: string): ScaleSetVm[] {
  const ids = batchNames(body, "instanceIds");
  if (ids === "all") return everyInstance(ss);
  const found = new Map<string, ScaleSetVm>();
  for (const id of ids) {
    const vm = state.scaleSetVm(ss, id);
    if (!vm) throw armErrors.notActiveInstance(id);
    found.set(vm.instanceId, vm);
  }
  const shielded = [...found.values()].filter((vm) => vm.protectFromScaleSetActions).map((vm) => vm.instanceId);
  if (shielded.length > 0) throw armErrors.protectedInstances(ss.name, shielded);
  return [...found.values()];
}

/** Virtual Machine Scale Sets - Reimage / Reimage All / Restart: body `{"instanceIds": [...]}`. */
function scaleSetAction(action: ActionKind): ArmHandler {
  return (ctx: ArmContext) => {
    const { sub, ss } = findScaleSet(ctx);
    const instances = requestedInstances(ctx.state, ss, ctx.body);
    if (ctx.state.scaleSetBlocking(ss)) throw armErrors.conflict();
    return accepted(ctx, ctx.state.startScaleSetAction(sub, ss, instances, action, ctx.apiVersion));
  };
}

export const restartScaleSetVm = vmAction("reboot");
export const reimageScaleSetVm = vmAction("reimage");
export const reimageAllScaleSetVm = vmAction("rebuild");
export const restartScaleSet = scaleSetAction("reboot");
export const reimageScaleSet = scaleSetAction("reimage");
export const reimageAllScaleSet = scaleSetAction("rebuild");
