import type { FastifyRequest } from "fastify";
import type { AuditStore } from "../audit/store.ts";
import type { Actor, Authenticator } from "../auth/types.ts";
import type { Config } from "../config.ts";
import { ApiError } from "../errors.ts";
import type { OperationTracker } from "../operations/tracker.ts";
import type { Reads } from "../reads.ts";
import type { ServiceManagementClient } from "../upstream/client.ts";
import { identityFor, type UpstreamIdentity } from "../upstream/identity.ts";

/** What route modules need; built once by main.ts (or a test) and passed to createApp. */
export interface AppDeps {
  config: Config;
  version: string;
  client: ServiceManagementClient;
  reads: Reads;
  audit: AuditStore;
  tracker: OperationTracker;
  authenticator: Authenticator;
  /** Origins browsers may use (known once listening: the port may be chosen at listen time). */
  origins: () => string[];
}

declare module "fastify" {
  interface FastifyRequest {
    actor: Actor | null;
  }
}

export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new ApiError(401, "Unauthenticated", "Sign in to use Rolecall.");
  return request.actor;
}

export function identityOf(deps: AppDeps, request: FastifyRequest): UpstreamIdentity {
  const actor = request.actor;
  // The msal authenticator checked that the management token is this user's, so the user's id may
  // key the cache; `none` (and test authenticators) cannot vouch for that.
  const verifiedUser = deps.authenticator.mode === "msal" ? actor?.id : undefined;
  return identityFor(deps.config.upstream.identity, actor?.upstreamToken, verifiedUser);
}

/** With ROLECALL_SUBSCRIPTIONS set, other subscriptions are refused without asking upstream. */
export function checkSubscriptionAllowed(deps: AppDeps, sub: string): void {
  const allowed = deps.config.subscriptions;
  if (allowed && !allowed.includes(sub)) {
    throw new ApiError(404, "UnknownSubscription", `Subscription ${sub} is not one Rolecall is configured to show (ROLECALL_SUBSCRIPTIONS).`);
  }
}
