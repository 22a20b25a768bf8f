import type { FastifyRequest } from "fastify";
import { toProxyError } from "../upstream/errors.ts";
import { identityOf, type AppDeps } from "./context.ts";

// The audit log and the operations list come from Rolecall's own store, not from Azure. In
// certificate mode every signed-in member may see every configured subscription (the proxy's own
// identity decides what exists). In passthrough mode Azure decides per user, so the store is shown
// only for subscriptions the user can read upstream: otherwise a user with no Azure access to a
// subscription would read who did what to it through Rolecall. The answer comes from the read cache
// (per user, ROLECALL_CACHE_MS), so polling views do not ask Azure on every request.

function checksAccess(deps: AppDeps): boolean {
  return deps.authenticator.mode === "msal" && deps.config.upstream.identity === "passthrough";
}

/** Throws (the upstream's refusal, e.g. 403) unless the caller may read `sub` upstream. */
export async function checkCanRead(deps: AppDeps, request: FastifyRequest, sub: string): Promise<void> {
  if (!checksAccess(deps)) return;
  try {
    await deps.reads.subscription(identityOf(deps, request), sub, request.log);
  } catch (err) {
    throw toProxyError(err, `read subscription ${sub}`);
  }
}

/**
 * The subscriptions whose store records the caller may see, or undefined for "all" (no check in
 * this mode). Configured subscriptions the user cannot read are left out, whatever the reason.
 */
export async function readableSubscriptions(deps: AppDeps, request: FastifyRequest): Promise<string[] | undefined> {
  if (!checksAccess(deps)) return undefined;
  const identity = identityOf(deps, request);
  const configured = deps.config.subscriptions;
  if (configured) {
    const readable = await Promise.all(
      configured.map((sub) => deps.reads.subscription(identity, sub, request.log).then(() => sub, () => undefined)),
    );
    return readable.filter((sub) => sub !== undefined);
  }
  try {
    return (await deps.reads.subscriptions(identity, undefined, request.log)).map((s) => s.id.toLowerCase());
  } catch (err) {
    throw toProxyError(err, "list your subscriptions");
  }
}
