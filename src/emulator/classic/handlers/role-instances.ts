import type { ActionKind } from "../../model/types.ts";
import { errors } from "../errors.ts";
import type { Handler } from "./context.ts";
import { findDeployment } from "./lookup.ts";

/**
 * Reboot / Reimage / Rebuild Role Instance: `POST …/roleinstances/<instance>?comp=<action>`.
 * Answers 202 with no body; the response's x-ms-request-id is the operation id.
 */
function roleInstanceAction(action: ActionKind): Handler {
  return (ctx) => {
    if (action === "rebuild" && (ctx.query.resources ?? "").toLowerCase() !== "alllocaldrives") {
      throw errors.badQuery("Rebuild requires resources=allLocalDrives.");
    }
    const { sub, service, deployment } = findDeployment(ctx);
    const name = ctx.params.instance ?? "";
    const instance = ctx.state.instance(deployment, name);
    if (!instance) throw errors.noInstance(name);
    const holder = ctx.state.blockingOperation(deployment);
    if (holder) throw errors.conflict(holder.id);
    ctx.state.startAction({ subscription: sub, service, deployment, instance }, action, ctx.requestId);
    return { status: 202 };
  };
}

export const rebootRoleInstance = roleInstanceAction("reboot");
export const reimageRoleInstance = roleInstanceAction("reimage");
export const rebuildRoleInstance = roleInstanceAction("rebuild");
