import type { TargetRef } from "../../shared/targets.ts";
import type { Backend } from "../backends/types.ts";
import type { UpstreamIdentity } from "../upstream/identity.ts";

/**
 * Whether Azure shows nothing running on `target` for an action on `instances`: the upstream's own
 * lock is off where it has one (classic Get Deployment's Locked), and none of those instances is in
 * a transitional state (ARM's instance views, classic's instance statuses). Then an action whose
 * start was unconfirmed either never started or has finished. Throws when the target cannot be read.
 */
export async function upstreamIdle(backend: Backend, target: TargetRef, instances: readonly string[], identity: UpstreamIdentity): Promise<boolean> {
  if (backend.isLocked && (await backend.isLocked(target, identity))) return false;
  const data = await backend.readTarget(target, identity);
  const names = new Set(instances.map((n) => n.toLowerCase()));
  return !data.instances.some((i) => names.has(i.name.toLowerCase()) && i.tone === "transitional");
}
