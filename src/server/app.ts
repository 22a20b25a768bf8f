import rateLimit from "@fastify/rate-limit";
import Fastify, { type FastifyError, type FastifyInstance } from "fastify";
import { randomUUID } from "node:crypto";
import { ApiError } from "./errors.ts";
import { loggerOptions } from "./logger.ts";
import { actionRoutes } from "./routes/actions.ts";
import { auditRoutes } from "./routes/audit.ts";
import type { AppDeps } from "./routes/context.ts";
import { metaRoutes } from "./routes/meta.ts";
import { operationRoutes } from "./routes/operations.ts";
import { serviceRoutes } from "./routes/services.ts";
import { registerSecurity } from "./security.ts";
import { registerStatic } from "./static.ts";

export type { AppDeps } from "./routes/context.ts";

/** Paths under /api answered before sign-in: the SPA needs them to start. */
const publicPaths = new Set(["/api/health", "/api/config"]);

/** Builds the HTTP app (does not listen: main.ts does). */
export async function createApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(deps.config.logLevel),
    genReqId: () => randomUUID(),
    bodyLimit: 16 * 1024,
    // Instance names may be 128 characters; longer ones must reach validation (400), not 404.
    routerOptions: { maxParamLength: 512 },
  });
  app.decorateRequest("actor", null);

  // Action bodies may be empty: accept an empty application/json body as {}.
  const parseJson = app.getDefaultJsonParser("error", "error");
  app.removeContentTypeParser("application/json");
  app.addContentTypeParser("application/json", { parseAs: "string" }, (request, body, done) => {
    const text = typeof body === "string" ? body : body.toString("utf8");
    if (text.trim() === "") return done(null, {});
    void parseJson(request, text, done);
  });

  app.addHook("onRequest", async (request, reply) => {
    reply.header("x-request-id", request.id);
  });
  const connectSrc = [...new Set([...deps.config.connectSrc, ...(deps.authenticator.connectSrc ?? [])])];
  await registerSecurity(app, { connectSrc, origins: deps.origins });
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) => ({
      statusCode: context.statusCode,
      ...new ApiError(429, "TooManyActions", `Too many actions: at most ${context.max} per minute. Try again in ${context.after}.`).toBody(),
    }),
  });

  app.addHook("preHandler", async (request) => {
    const path = request.url.split("?")[0] ?? "";
    if (!path.startsWith("/api/") || publicPaths.has(path)) return;
    request.actor = await deps.authenticator.authenticate(request);
  });

  app.setErrorHandler((error: unknown, request, reply) => {
    if (error instanceof ApiError) {
      if (error.status >= 500) request.log.warn({ code: error.code, msg: error.message }, "request failed upstream");
      return reply.code(error.status).headers(error.headers).send(error.toBody());
    }
    // Fastify's own errors (bad JSON, body too large) and what plugins throw carry a statusCode.
    const e = (error ?? {}) as Partial<FastifyError> & { error?: unknown };
    const status = typeof e.statusCode === "number" ? e.statusCode : 500;
    if (status === 429) {
      // @fastify/rate-limit throws what errorResponseBuilder returned: already an envelope.
      const body = e.error ? { error: e.error } : new ApiError(429, "TooManyActions", "Too many actions. Try again in a minute.").toBody();
      return reply.code(429).send(body);
    }
    if (status === 413) return reply.code(413).send(new ApiError(413, "BodyTooLarge", "The request body is too large (16 KB at most).").toBody());
    if (status >= 400 && status < 500) {
      return reply.code(status).send(new ApiError(status, e.code ?? "BadRequest", e.message ?? "Bad request.").toBody());
    }
    request.log.error({ err: error }, "unhandled error");
    return reply.code(500).send(new ApiError(500, "InternalError", "Rolecall hit an unexpected error. The log has details (look for this request id).", { requestId: request.id }).toBody());
  });

  metaRoutes(app, deps);
  serviceRoutes(app, deps);
  actionRoutes(app, deps);
  operationRoutes(app, deps);
  auditRoutes(app, deps);
  await registerStatic(app, deps.config.staticDir);
  return app;
}
