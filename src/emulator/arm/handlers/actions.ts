import type { EmulatorState } from "../../model/state.ts";
import type { ActionKind, ArmInstance, CloudService } from "../../model/types.ts";
import { armErrors } from "../errors.ts";
import { batchNames } from "./batch-body.ts";
import type { ArmContext, ArmHandler } from "./context.ts";
import { findCloudService, findInstance } from "./lookup.ts";
import { accepted } from "./operations.ts";

/**
 * The actions (reference B3, B4). One operation at a time per cloud service: a second one while the
 * first runs is 409 `Conflict` (see errors.ts). ARM's restart is the state machine's reboot.
 */

/** Cloud Service Role Instances - Restart / Reimage / Rebuild: no body. */
function roleInstanceAction(action: ActionKind): ArmHandler {
  return (ctx) => {
    const { sub, cs, instance } = findInstance(ctx);
    if (ctx.state.cloudServiceBlocking(cs)) throw armErrors.conflict();
    return accepted(ctx, ctx.state.startCloudServiceAction(sub, cs, [instance], action, ctx.apiVersion));
  };
}

/** The instances a `{"roleInstances": [...]}` body chooses (see batchNames: no choice means all). */
function requestedInstances(state: EmulatorState, cs: CloudService, body: string): ArmInstance[] {
  const names = batchNames(body, "roleInstances");
  if (names === "all") return cs.instances;
  const found = new Map<string, ArmInstance>();
  for (const name of names) {
    const instance = state.armInstance(cs, name);
    if (!instance) throw armErrors.badParameter(`The role instance '${name}' does not exist in cloud service '${cs.name}'.`);
    found.set(instance.name, instance);
  }
  return [...found.values()];
}

/** Cloud Services - Restart / Reimage / Rebuild: body `{"roleInstances": [...]}`. */
function cloudServiceAction(action: ActionKind): ArmHandler {
  return (ctx: ArmContext) => {
    const { sub, cs } = findCloudService(ctx);
    const instances = requestedInstances(ctx.state, cs, ctx.body);
    if (ctx.state.cloudServiceBlocking(cs)) throw armErrors.conflict();
    return accepted(ctx, ctx.state.startCloudServiceAction(sub, cs, instances, action, ctx.apiVersion));
  };
}

export const restartRoleInstance = roleInstanceAction("reboot");
export const reimageRoleInstance = roleInstanceAction("reimage");
export const rebuildRoleInstance = roleInstanceAction("rebuild");
export const restartCloudService = cloudServiceAction("reboot");
export const reimageCloudService = cloudServiceAction("reimage");
export const rebuildCloudService = cloudServiceAction("rebuild");
