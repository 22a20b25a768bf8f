import type { Instance } from "../../shared/api.ts";
import { protectedChosen } from "../../shared/jobs.ts";
import type { Action } from "../../shared/names.ts";
import { targetLabel, type TargetRef } from "../../shared/targets.ts";
import { backendFor, type Backends, type Log } from "../backends/types.ts";
import { ProxyError } from "../errors.ts";
import type { Reads } from "../reads.ts";
import { toProxyError } from "../upstream/errors.ts";
import type { UpstreamIdentity } from "../upstream/identity.ts";

// Instances Azure protects from actions through their target (a scale set's
// protectFromScaleSetActions) cannot be chosen, whichever backend marked them: checked wherever the
// chosen names meet the target as just read, before anything is recorded or sent.

/** Throws InstanceProtected when any of `chosen` is marked protectedFromActions in `instances`. */
export function refuseProtected(instances: readonly Pick<Instance, "name" | "protectedFromActions">[], chosen: readonly string[], action: Action): void {
  const hit = protectedChosen(instances, chosen);
  if (hit.length === 0) return;
  const one = hit.length === 1;
  throw new ProxyError(
    "InstanceProtected",
    `${hit.join(", ")} ${one ? "is" : "are"} protected from actions in Azure (the scale set's protectFromScaleSetActions), so Rolecall will not ${action} ${one ? "it" : "them"}. Nothing was sent. Choose other instances, or lift the protection in Azure first.`,
  );
}

/**
 * A single action on a target whose backend may mark instances protected: reads the target (through
 * the cache) and refuses an instance that is not in it or is protected. Other kinds need no read.
 */
export async function checkChosenInstance(
  deps: { backends: Backends; reads: Reads },
  identity: UpstreamIdentity,
  target: TargetRef,
  instance: string,
  action: Action,
  log?: Log,
): Promise<void> {
  if (!backendFor(deps.backends, target.kind).marksProtectedInstances) return;
  let instances: readonly Instance[];
  try {
    instances = (await deps.reads.target(identity, target, log)).value.instances;
  } catch (err) {
    throw toProxyError(err, `read ${targetLabel(target)}`);
  }
  if (!instances.some((i) => i.name.toLowerCase() === instance.toLowerCase())) {
    throw new ProxyError("NotFound", `${instance} is not an instance of ${targetLabel(target)}. Nothing was sent.`);
  }
  refuseProtected(instances, [instance], action);
}
