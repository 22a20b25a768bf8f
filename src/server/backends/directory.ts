import { UpstreamError } from "../upstream/errors.ts";
import type { SubscriptionDirectory } from "./types.ts";

/**
 * The subscriptions named by ROLECALL_SUBSCRIPTIONS, when no upstream lists them (the classic API is
 * off): names are their ids, and any other subscription is unknown. The config only allows this
 * where no per-user access check is needed (see config.ts).
 */
export function configuredDirectory(ids: readonly string[]): SubscriptionDirectory {
  return {
    listSubscriptions: () => Promise.resolve(ids.map((id) => ({ id, name: id }))),
    getSubscription: (sub) =>
      ids.includes(sub)
        ? Promise.resolve({ id: sub, name: sub })
        : Promise.reject(new UpstreamError({ kind: "http", status: 404, code: "SubscriptionNotFound", message: `Subscription ${sub} is not configured.` })),
  };
}
