import type { EmulatorState } from "../../model/state.ts";
import type { ActionKind, ScaleSet, ScaleSetVm } from "../../model/types.ts";
import { armErrors } from "../errors.ts";
import type { ArmContext, ArmHandler } from "./context.ts";
import { findScaleSet, findScaleSetVm } from "./lookup.ts";
import { accepted } from "./operations.ts";

/**
 * The actions on a Uniform scale set (reference C1), as long-running operations like the cloud
 * services' (202, both status URLs). The state machine's actions stand for Compute's: restart is its
 * reboot, reimage its reimage (the OS disk), reimageall its rebuild (every disk). One operation at a
 * time per scale set: a second one while the first runs is 409 `Conflict`, as for cloud services.
 */

/** A body is optional everywhere; when present it must be a JSON object (JSON `null` counts as none). */
function readBody(body: string): Record<string, unknown> | undefined {
  if (body.trim() === "") return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (err) {
    throw armErrors.badContent(err instanceof Error ? err.message : "invalid JSON");
  }
  if (parsed === null) return undefined;
  if (typeof parsed !== "object" || Array.isArray(parsed)) throw armErrors.badContent("the body must be a JSON object");
  return parsed as Record<string, unknown>;
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
    readBody(ctx.body);
    if (ctx.state.scaleSetBlocking(ss)) throw armErrors.conflict();
    return accepted(ctx, ctx.state.startScaleSetAction(sub, ss, [vm], action, ctx.apiVersion));
  };
}

/** What a batch without a choice acts on: every instance, except those protected from scale-set actions, which Azure leaves alone. */
const everyInstance = (ss: ScaleSet): ScaleSetVm[] => ss.instances.filter((vm) => !vm.protectFromScaleSetActions);

/**
 * The `instanceIds` of a batch body, faithfully to Azure: no body, no or `null` `instanceIds` mean
 * EVERY instance of the scale set (spec text "Omitting the virtual machine scale set instance ids will
 * result in the operation being performed on all virtual machines", confirmed by a maintainer in
 * Azure/azure-cli#6388; the whole-set reimage of azure-cli#25476/#25477). An empty list is taken the
 * same way, as DESIGN §4 assumes (Azure's handling of `[]` is UNCONFIRMED; "all" is the dangerous
 * reading, so the proxy's rule is tested against it), and so is `"*"`, which the Azure CLI documents
 * as "all instances" (UNCONFIRMED whether the REST API itself reads it so). Rolecall's proxy never
 * sends any of these.
 *
 * An id that names no instance is Azure's 400 `InvalidParameter` (target `instanceIds`), as the
 * cloud-service batch refuses an unknown role instance with 400 `InvalidParameter`; naming an instance
 * protected from scale-set actions is refused as a whole (see armErrors.protectedInstances).
 */
function requestedInstances(state: EmulatorState, ss: ScaleSet, body: string): ScaleSetVm[] {
  const ids = readBody(body)?.instanceIds;
  if (ids === undefined || ids === null) return everyInstance(ss);
  if (!Array.isArray(ids) || !ids.every((id): id is string => typeof id === "string")) {
    throw armErrors.badContent("instanceIds must be an array of strings");
  }
  if (ids.length === 0 || ids.includes("*")) return everyInstance(ss);
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
