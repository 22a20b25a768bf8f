import type { CloudService, Subscription } from "../shared/domain.ts";
import type { Slot } from "../shared/names.ts";
import type { ReadCache } from "./upstream/cache.ts";
import type { Log, ServiceManagementClient, UpstreamOperation } from "./upstream/client.ts";
import { identityKey, type UpstreamIdentity } from "./upstream/identity.ts";
import type { DeploymentData } from "./upstream/map.ts";

/** Cache keys: `<identity>|<kind>|<what>`. Identity first, so users never share entries. */
export const cacheKeys = {
  subscriptions: (id: UpstreamIdentity) => `${identityKey(id)}|subscriptions|`,
  subscription: (id: UpstreamIdentity, sub: string) => `${identityKey(id)}|subscription|${sub}`,
  services: (id: UpstreamIdentity, sub: string) => `${identityKey(id)}|services|${sub}`,
  service: (id: UpstreamIdentity, sub: string, svc: string) => `${identityKey(id)}|service|${sub}/${svc.toLowerCase()}`,
  deployment: (id: UpstreamIdentity, sub: string, svc: string, slot: Slot) =>
    `${identityKey(id)}|deployment|${sub}/${svc.toLowerCase()}/${slot}`,
  operation: (id: UpstreamIdentity, sub: string, opId: string) => `${identityKey(id)}|operation|${sub}/${opId}`,
  /** Fragments of every key (all identities) whose data an action on this deployment changes. */
  affectedBy: (sub: string, svc: string, slot: Slot) => [
    `|deployment|${sub}/${svc.toLowerCase()}/${slot}`,
    `|service|${sub}/${svc.toLowerCase()}`,
  ],
};

/**
 * Upstream reads through the coalescing cache. `log` is the calling request's logger: a shared
 * upstream call logs (retries) with the request that started it.
 */
export interface Reads {
  subscriptions(id: UpstreamIdentity, configured?: string[], log?: Log): Promise<Subscription[]>;
  /** Get Subscription: throws when `id` cannot read `sub` (used to check a user's access). */
  subscription(id: UpstreamIdentity, sub: string, log?: Log): Promise<Subscription>;
  services(id: UpstreamIdentity, sub: string, log?: Log): Promise<CloudService[]>;
  deployment(id: UpstreamIdentity, sub: string, svc: string, slot: Slot, log?: Log): Promise<{ value: DeploymentData; fetchedAt: number }>;
  operation(id: UpstreamIdentity, sub: string, opId: string, log?: Log): Promise<UpstreamOperation>;
}

/** Runs `fn` over `items` with at most `limit` at a time, keeping order. */
async function mapLimited<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

export function createReads(client: ServiceManagementClient, cache: ReadCache): Reads {
  return {
    async subscriptions(id, configured, log) {
      if (!configured) return (await cache.get(cacheKeys.subscriptions(id), () => client.listSubscriptions(id, log))).value;
      return Promise.all(
        configured.map(async (sub) => {
          try {
            return (await cache.get(cacheKeys.subscription(id, sub), () => client.getSubscription(sub, id, log))).value;
          } catch {
            // A name is a nicety: an id the caller cannot read still belongs in the list.
            return { id: sub, name: sub };
          }
        }),
      );
    },
    async subscription(id, sub, log) {
      return (await cache.get(cacheKeys.subscription(id, sub), () => client.getSubscription(sub, id, log))).value;
    },
    async services(id, sub, log) {
      const names = (await cache.get(cacheKeys.services(id, sub), () => client.listServiceNames(sub, id, log))).value;
      // One Get Hosted Service (embed-detail) per service, a few at a time to spare the upstream.
      return mapLimited(names, 6, async (svc) => (await cache.get(cacheKeys.service(id, sub, svc), () => client.getService(sub, svc, id, log))).value);
    },
    deployment(id, sub, svc, slot, log) {
      return cache.get(cacheKeys.deployment(id, sub, svc, slot), () => client.getDeployment(sub, svc, slot, id, log));
    },
    async operation(id, sub, opId, log) {
      return (await cache.get(cacheKeys.operation(id, sub, opId), () => client.getOperation(sub, opId, id, log))).value;
    },
  };
}
