import type { FastifyRequest } from "fastify";
import type { TargetKind } from "../../shared/targets.ts";
import { noArmToken, noManagementToken } from "../auth/msal.ts";
import type { Actor, Authenticator } from "../auth/types.ts";
import type { Config } from "../config.ts";
import { ProxyError } from "../errors.ts";
import type { JobRunner } from "../jobs/runner.ts";
import type { Metrics } from "../metrics.ts";
import type { Readiness } from "../readiness.ts";
import type { Store } from "../store/types.ts";
import type { OperationTracker } from "../operations/tracker.ts";
import type { Reads } from "../reads.ts";
import type { FirstSeen } from "../triage-first-seen.ts";
import type { Backends } from "../backends/types.ts";
import { identityFor, type UpstreamIdentity } from "../upstream/identity.ts";

/** What route modules need; built once by main.ts (or a test) and passed to createApp. */
export interface AppDeps {
  config: Config;
  version: string;
  backends: Backends;
  reads: Reads;
  /** When this process first read each instance not ready, fed by every read of `reads` (triage view). */
  firstSeen: FirstSeen;
  /** Audit, jobs, holds, leases and rate counters: SQLite, or PostgreSQL shared by replicas. */
  store: Store;
  tracker: OperationTracker;
  jobs: JobRunner;
  /** Whether the store and each upstream answer (GET /api/health/ready). */
  readiness: Readiness;
  /** Set when ROLECALL_METRICS=on: GET /metrics serves it. Counted regardless when present. */
  metrics?: Metrics;
  authenticator: Authenticator;
  /** Origins browsers may use (known once listening: the port may be chosen at listen time). */
  origins: () => string[];
  /** Where logs go (tests capture them); default stdout. */
  logStream?: NodeJS.WritableStream;
}

declare module "fastify" {
  interface FastifyRequest {
    actor: Actor | null;
  }
}

/**
 * The signed-in caller. Every signed-in route gets its actor (and its upstream identity) through
 * here, so a route that somehow escaped the sign-in hook refuses instead of serving anyone.
 */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new ProxyError("Unauthenticated", "Sign in to use Rolecall.", {}, { "www-authenticate": 'Bearer error="invalid_token"' });
  return request.actor;
}

/**
 * Who the proxy is upstream for this request. `kind` is the upstream the route calls: with sign-in
 * and passthrough, that upstream's token must have come (it would otherwise call anonymously). Asked
 * here, where the identity is built, so routes that never call upstream do not ask for tokens.
 */
export function identityOf(deps: AppDeps, request: FastifyRequest, kind: TargetKind = "classic"): UpstreamIdentity {
  const actor = actorOf(request);
  const signedIn = deps.authenticator.mode === "msal";
  if (signedIn && kind === "classic" && deps.config.upstream.identity === "passthrough" && !actor.upstreamToken) throw noManagementToken();
  if (signedIn && kind !== "classic" && deps.config.arm?.identity === "passthrough" && !actor.armToken) throw noArmToken();
  // The msal authenticator checked that the forwarded tokens are this user's, so the user's id may
  // key the cache; `none` (and test authenticators) cannot vouch for that.
  const verifiedUser = signedIn ? actor.id : undefined;
  return identityFor(deps.config.upstream.identity, actor.upstreamToken, verifiedUser, actor.armToken);
}

/**
 * The caller's upstream identity if it may be lent to the operation tracker: only an operator's,
 * since the poller may go on to act for Rolecall (and must not run on a reader's rights).
 */
export function lendableIdentity(deps: AppDeps, request: FastifyRequest, kind: TargetKind = "classic"): UpstreamIdentity | undefined {
  return request.actor?.roles.includes("operator") ? identityOf(deps, request, kind) : undefined;
}

/** With ROLECALL_SUBSCRIPTIONS set, other subscriptions are refused without asking upstream. */
export function checkSubscriptionAllowed(deps: AppDeps, sub: string): void {
  const allowed = deps.config.subscriptions;
  if (allowed && !allowed.includes(sub)) {
    throw new ProxyError("UnknownSubscription", `Subscription ${sub} is not one Rolecall is configured to show (ROLECALL_SUBSCRIPTIONS).`);
  }
}
