import { slots, type Slot } from "../../../shared/names.ts";
import type { Deployment, HostedService, Subscription } from "../../model/types.ts";
import { errors } from "../errors.ts";
import type { RequestContext } from "./context.ts";

/** Resolves path parameters to model objects, throwing the API's errors for unknown names. */
export function findSubscription(ctx: RequestContext): Subscription {
  const sub = ctx.state.subscription(ctx.params.subscription ?? "");
  // The real API answers 403 for a subscription the caller's credential is not associated with.
  if (!sub) throw errors.forbidden();
  return sub;
}

export function findService(ctx: RequestContext): { sub: Subscription; service: HostedService } {
  const sub = findSubscription(ctx);
  const service = ctx.state.service(sub, ctx.params.service ?? "");
  if (!service) throw errors.noService();
  return { sub, service };
}

function asSlot(value: string): Slot | undefined {
  const lower = value.toLowerCase();
  return slots.find((s) => s === lower);
}

/** By `deploymentslots/<slot>` or `deployments/<name>`, whichever form the path used. */
export function findDeployment(ctx: RequestContext): { sub: Subscription; service: HostedService; deployment: Deployment } {
  const { sub, service } = findService(ctx);
  const { slot, deployment: name } = ctx.params;
  let deployment: Deployment | undefined;
  if (slot !== undefined) {
    const s = asSlot(slot);
    deployment = s ? ctx.state.deploymentBySlot(service, s) : undefined;
  } else if (name !== undefined) {
    deployment = ctx.state.deploymentByName(service, name);
  }
  if (!deployment) throw errors.noDeployment();
  return { sub, service, deployment };
}
