import type { Subscription } from "../shared/api.ts";
import { targetLabel, targetPath, type TargetKind, type TargetRef } from "../shared/targets.ts";
import { backendFor, type Backend, type Backends, type Log, type StartedOperation, type SubscriptionDirectory, type TargetData, type UpstreamOperation } from "./backends/types.ts";
import type { ReadCache } from "./upstream/cache.ts";
import { createLastGood, type LastGood, type Read } from "./upstream/last-good.ts";
import { identityKey, type UpstreamIdentity } from "./upstream/identity.ts";

/** Target paths in keys are lower-cased: Azure's names are case-insensitive, and so are Rolecall's locks. */
const targetKey = (t: TargetRef) => targetPath(t).toLowerCase();

/**
 * Cache keys: `<partition>|<what>|<which>`. The partition (who is asking, as the upstream sees it)
 * comes first, so users never share entries where the upstream answers each of them differently.
 */
export const cacheKeys = {
  subscriptions: (id: UpstreamIdentity) => `${identityKey(id)}|subscriptions|`,
  subscription: (id: UpstreamIdentity, sub: string) => `${identityKey(id)}|subscription|${sub}`,
  targets: (partition: string, kind: TargetKind, sub: string) => `${partition}|targets|${kind}/${sub}`,
  target: (partition: string, t: TargetRef) => `${partition}|target|${targetKey(t)}`,
  operation: (partition: string, t: TargetRef, opId: string) => `${partition}|operation|${t.subscription}/${opId}`,
  /** Fragments of every key (all partitions) whose data an action on this target changes. */
  affectedBy: (t: TargetRef) => [`|target|${targetKey(t)}`, `|targets|${t.kind}/${t.subscription}`],
};

/**
 * Upstream reads through the coalescing cache, for every backend. `log` is the calling request's
 * logger: a shared upstream call logs (retries) with the request that started it.
 */
export interface Reads {
  subscriptions(id: UpstreamIdentity, configured?: string[], log?: Log): Promise<Subscription[]>;
  /** Get Subscription: throws when `id` cannot read `sub` (used to check a user's access). */
  subscription(id: UpstreamIdentity, sub: string, log?: Log): Promise<Subscription>;
  /** The targets `backend` lists in a subscription; the last good list, marked stale, when the upstream does not answer. */
  targets<S>(backend: Backend<S>, id: UpstreamIdentity, sub: string, log?: Log): Promise<Read<S[]>>;
  /** One target; its last good copy, marked stale, when the upstream does not answer. */
  target(id: UpstreamIdentity, t: TargetRef, log?: Log): Promise<Read<TargetData>>;
  operation(id: UpstreamIdentity, t: TargetRef, op: StartedOperation, log?: Log): Promise<UpstreamOperation>;
}

/** Told of every fresh (not stale) read of a target, whichever route asked: "first seen" (triage-first-seen.ts). */
export type TargetReadObserver = (t: TargetRef, read: Read<TargetData>) => void;

/** `lastGood`: the copies served when the upstream does not answer (default: none kept). */
export function createReads(
  backends: Backends,
  directory: SubscriptionDirectory,
  cache: ReadCache,
  lastGood: LastGood = createLastGood(0),
  observeTarget?: TargetReadObserver,
): Reads {
  return {
    async subscriptions(id, configured, log) {
      if (!configured) return (await cache.get(cacheKeys.subscriptions(id), () => directory.listSubscriptions(id, log))).value;
      return Promise.all(
        configured.map(async (sub) => {
          try {
            return (await cache.get(cacheKeys.subscription(id, sub), () => directory.getSubscription(sub, id, log))).value;
          } catch {
            // A name is a nicety: an id the caller cannot read still belongs in the list.
            return { id: sub, name: sub };
          }
        }),
      );
    },
    async subscription(id, sub, log) {
      return (await cache.get(cacheKeys.subscription(id, sub), () => directory.getSubscription(sub, id, log))).value;
    },
    targets(backend, id, sub, log) {
      const key = cacheKeys.targets(backend.partition(id), backend.kind, sub);
      return lastGood.read(key, `list the targets of subscription ${sub}`, () => cache.get(key, () => backend.listTargets(sub, id, log)));
    },
    async target(id, t, log) {
      const backend = backendFor(backends, t.kind);
      const key = cacheKeys.target(backend.partition(id), t);
      const read = await lastGood.read(key, `read ${targetLabel(t)}`, () => cache.get(key, () => backend.readTarget(t, id, log)));
      if (!read.stale) observeTarget?.(t, read);
      return read;
    },
    async operation(id, t, op, log) {
      const backend = backendFor(backends, t.kind);
      return (await cache.get(cacheKeys.operation(backend.partition(id), t, op.id), () => backend.readOperation(t, op, id, log))).value;
    },
  };
}
