import type { FastifyInstance, FastifyRequest } from "fastify";
import type { AppConfig, Health, Me, Ready, Subscription } from "../../shared/api.ts";
import { publicAuthConfig } from "../auth/msal-config.ts";
import { toProxyError } from "../upstream/errors.ts";
import { identityFor } from "../upstream/identity.ts";
import { actorOf, identityOf, type AppDeps } from "./context.ts";
import { configuredTargets } from "./targets.ts";

/** /api/health and /api/config: answered before sign-in (register outside the signed-in plugin). */
export function publicRoutes(app: FastifyInstance, deps: AppDeps): void {
  app.get("/api/health", (): Health => ({
    ok: true,
    upstream: deps.config.upstream.kind,
    version: deps.version,
    upstreams: { classic: deps.config.upstream.enabled, arm: deps.config.arm !== undefined },
  }));

  // For load balancers: 200 only when this process can serve (its store and upstreams answer), else
  // 503 NotReady naming what did not; /api/health above stays the liveness probe (the process is up).
  // Public and unlimited, so each answer may be a few seconds old (ROLECALL_READY_CACHE_MS): a flood
  // of probes costs Azure one check per interval (readiness.ts).
  app.get("/api/health/ready", async (_request, reply): Promise<Ready> => {
    reply.header("cache-control", "no-store");
    return deps.readiness();
  });

  // Not public by default (counts and latencies say how Rolecall is used): ROLECALL_METRICS=on
  // serves them here, on the proxy's own port, for a scraper inside the network.
  const metrics = deps.config.metrics ? deps.metrics : undefined;
  if (metrics) {
    app.get("/metrics", async (_request, reply) => {
      const text = await metrics.registry.metrics();
      return reply.header("cache-control", "no-store").type(metrics.registry.contentType).send(text);
    });
  }

  app.get("/api/config", async (request): Promise<AppConfig> => {
    const auth = deps.config.auth;
    return {
      mode: deps.config.upstream.kind,
      auth: auth.mode === "msal" ? publicAuthConfig(auth.settings, deps.config.arm?.identity) : { mode: "none" },
      poll: deps.config.poll,
      subscriptions: await configSubscriptions(deps, request),
      kinds: configuredTargets(deps.backends).map((t) => t.backend.kind),
    };
  });
}

/** /api/me and /api/subscriptions (signed in). */
export function metaRoutes(app: FastifyInstance, deps: AppDeps): void {
  app.get("/api/me", (request): Me => {
    const { name, id, roles } = actorOf(request);
    return { name, id, roles };
  });

  app.get("/api/subscriptions", async (request): Promise<Subscription[]> => {
    try {
      return await deps.reads.subscriptions(identityOf(deps, request), deps.config.subscriptions, request.log);
    } catch (err) {
      throw toProxyError(err, "list subscriptions");
    }
  });
}

/** The subscriptions /api/config lists. */
async function configSubscriptions(deps: AppDeps, request: FastifyRequest): Promise<Subscription[]> {
  // With sign-in, /api/config is answered to anyone before sign-in: it names no subscription (their
  // ids would tell a stranger which subscriptions exist). The SPA asks /api/subscriptions once signed
  // in, and a signed-out visitor causes no upstream call.
  if (deps.config.auth.mode === "msal") return [];
  const idsOnly = (deps.config.subscriptions ?? []).map((id) => ({ id, name: id }));
  try {
    // No caller is signed in on this route: the upstream is asked as nobody in particular (the
    // certificate, or anonymously in passthrough), never with a token the request happened to carry.
    const identity = identityFor(deps.config.upstream.identity, undefined);
    return await deps.reads.subscriptions(identity, deps.config.subscriptions, request.log);
  } catch (err) {
    // The SPA must be able to start even when the upstream is down; it reports errors per view.
    request.log.warn({ err: err instanceof Error ? err.message : String(err) }, "could not list subscriptions for /api/config");
    return idsOnly;
  }
}
