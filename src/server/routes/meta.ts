import type { FastifyInstance, FastifyRequest } from "fastify";
import type { AppConfig, Health, Me, Subscription } from "../../shared/domain.ts";
import { publicAuthConfig } from "../auth/msal-config.ts";
import { toApiError } from "../upstream/errors.ts";
import { actorOf, identityOf, type AppDeps } from "./context.ts";

/** /api/health, /api/config (both before sign-in), /api/me and /api/subscriptions. */
export function metaRoutes(app: FastifyInstance, deps: AppDeps): void {
  app.get("/api/health", (): Health => ({ ok: true, upstream: deps.config.upstream.kind, version: deps.version }));

  app.get("/api/config", async (request): Promise<AppConfig> => {
    const auth = deps.config.auth;
    return {
      mode: deps.config.upstream.kind,
      auth: auth.mode === "msal" ? publicAuthConfig(auth.settings) : { mode: "none" },
      poll: deps.config.poll,
      subscriptions: await configSubscriptions(deps, request),
    };
  });

  app.get("/api/me", (request): Me => {
    const { name, id, roles } = actorOf(request);
    return { name, id, roles };
  });

  app.get("/api/subscriptions", async (request): Promise<Subscription[]> => {
    try {
      return await deps.reads.subscriptions(identityOf(deps, request), deps.config.subscriptions);
    } catch (err) {
      throw toApiError(err, "list subscriptions");
    }
  });
}

/** The subscriptions /api/config lists. */
async function configSubscriptions(deps: AppDeps, request: FastifyRequest): Promise<Subscription[]> {
  const idsOnly = (deps.config.subscriptions ?? []).map((id) => ({ id, name: id }));
  // With sign-in, /api/config is answered before it, so there is no caller to ask upstream for:
  // the configured ids only (the SPA asks /api/subscriptions for names once signed in). A
  // signed-out visitor thus never causes an upstream call.
  if (deps.config.auth.mode === "msal") return idsOnly;
  try {
    return await deps.reads.subscriptions(identityOf(deps, request), deps.config.subscriptions);
  } catch (err) {
    // The SPA must be able to start even when the upstream is down; it reports errors per view.
    request.log.warn({ err: err instanceof Error ? err.message : String(err) }, "could not list subscriptions for /api/config");
    return idsOnly;
  }
}
