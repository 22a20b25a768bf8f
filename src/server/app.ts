import rateLimit from "@fastify/rate-limit";
import Fastify, { type FastifyError, type FastifyInstance } from "fastify";
import { randomUUID } from "node:crypto";
import { STATUS_CODES } from "node:http";
import type { Socket } from "node:net";
import * as z from "zod/mini";
import { ProxyError } from "./errors.ts";
import { loggerOptions } from "./logger.ts";
import { actionRoutes } from "./routes/actions.ts";
import { auditRoutes } from "./routes/audit.ts";
import { jobRoutes } from "./routes/jobs.ts";
import type { AppDeps } from "./routes/context.ts";
import { metaRoutes, publicRoutes } from "./routes/meta.ts";
import { operationRoutes } from "./routes/operations.ts";
import { serviceRoutes } from "./routes/services.ts";
import { triageRoutes } from "./routes/triage.ts";
import { registerSecurity } from "./security.ts";
import { registerStatic } from "./static.ts";
import { REQUEST_TIMEOUT_MS, TIMEOUT_CHECK_INTERVAL_MS } from "./http/timeouts.ts";
import { registerTransport } from "./http/transport.ts";
import { sharedRateStore } from "./http/rate-store.ts";

export type { AppDeps } from "./routes/context.ts";

// The 400s name what is wrong in zod's words, which need a locale. zod/mini (the shared schemas)
// registers none; classic zod does when first loaded, which must not be what the messages rest on.
z.config(z.locales.en());

/** Builds the HTTP app (does not listen: main.ts does). */
export async function createApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(deps.config.logLevel, deps.logStream),
    genReqId: () => randomUUID(),
    bodyLimit: 16 * 1024,
    // Instance names may be 128 characters; longer ones must reach validation (400), not 404, so the
    // router's limit sits well above any name a person might paste.
    routerOptions: { maxParamLength: 2048 },
    // A request (headers and body) must arrive within REQUEST_TIMEOUT_MS, else 408 and the connection
    // is closed. Fastify sets the server's requestTimeout after creating it; Node checks, at creation,
    // that headersTimeout is not above requestTimeout, so both go in `http` too.
    requestTimeout: REQUEST_TIMEOUT_MS,
    http: { requestTimeout: REQUEST_TIMEOUT_MS, headersTimeout: REQUEST_TIMEOUT_MS, connectionsCheckingInterval: TIMEOUT_CHECK_INTERVAL_MS },
    clientErrorHandler: answerClientError,
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
  await registerSecurity(app, { connectSrc, origins: deps.origins, allowedOrigins: deps.config.allowedOrigins });
  // Compression, ETag/304 and Cache-Control of /api replies; before any route is added.
  await registerTransport(app);
  await app.register(rateLimit, {
    global: false,
    // Counted in the store, so the limit is per person across every replica.
    store: sharedRateStore(deps.store.counters),
    errorResponseBuilder: (_request, context) => ({
      statusCode: context.statusCode,
      ...new ProxyError("TooManyActions", `Rolecall allows each person at most ${context.max} action${context.max === 1 ? "" : "s"} a minute.`).toBody(),
    }),
  });

  app.setErrorHandler((error: unknown, request, reply) => {
    if (error instanceof ProxyError) {
      // A 500 of ours carries its cause (internal text kept out of the message): log it here.
      if (error.status >= 500) request.log.warn({ code: error.code, msg: error.message, err: error.cause || undefined }, "request failed");
      return reply.code(error.status).headers(error.headers).send(error.toBody());
    }
    // Fastify's own errors (bad JSON, body too large) and what plugins throw carry a statusCode.
    const e = (error ?? {}) as Partial<FastifyError> & { error?: unknown };
    const status = typeof e.statusCode === "number" ? e.statusCode : 500;
    if (status === 429) {
      // @fastify/rate-limit throws what errorResponseBuilder returned: already an envelope.
      const body = e.error ? { error: e.error } : new ProxyError("TooManyActions", "Too many actions. Try again in a minute.").toBody();
      return reply.code(429).send(body);
    }
    if (status >= 400 && status < 500) {
      const mapped = fastifyClientError(status, e.code);
      request.log.info({ code: e.code, msg: e.message }, "request refused");
      return reply.code(mapped.status).send(mapped.toBody());
    }
    request.log.error({ err: error }, "unhandled error");
    // The id is Rolecall's own (also in the x-request-id header), so it goes in the sentence, not in
    // `requestId`, which the contract reserves for the upstream's request id.
    return reply.code(500).send(new ProxyError("InternalError", `Rolecall hit an unexpected error. The log has details under request id ${request.id}.`).toBody());
  });

  // The only routes answered before sign-in: the SPA needs them to start.
  publicRoutes(app, deps);
  // Every other API route lives in this plugin, whose hook signs the caller in whatever the URL
  // looked like: deciding from the raw URL let `/%61pi/…` (which the router decodes to /api/…) past.
  await app.register((api, _options, done) => {
    api.addHook("preHandler", async (request) => {
      request.actor = await deps.authenticator.authenticate(request);
    });
    metaRoutes(api, deps);
    serviceRoutes(api, deps);
    triageRoutes(api, deps);
    actionRoutes(api, deps);
    operationRoutes(api, deps);
    auditRoutes(api, deps);
    jobRoutes(api, deps);
    done();
  });
  await registerStatic(app, deps.config.staticDir);
  return app;
}

/**
 * Fastify's own client errors (FST_ERR_…) → our codes and plain sentences: its internal codes mean
 * nothing to the SPA or to a person.
 */
function fastifyClientError(status: number, code: string | undefined): ProxyError {
  if (status === 413) return new ProxyError("PayloadTooLarge", "The request body is too large (16 KB at most).");
  if (status === 415) return new ProxyError("UnsupportedMediaType", "Send requests that change something with Content-Type: application/json.");
  if (code === "FST_ERR_CTP_INVALID_JSON_BODY" || code === "FST_ERR_CTP_EMPTY_JSON_BODY") {
    return new ProxyError("InvalidJson", "The request body is not valid JSON. Send {} (or no body).");
  }
  if (status === 404) return new ProxyError("NotFound", "There is nothing at this address.");
  return new ProxyError("BadRequest", "Rolecall could not understand this request.");
}

/**
 * Requests Node could not take in (too slow, headers too large, not HTTP) still get the /api error
 * envelope, like every other error, before the connection is closed.
 */
function answerClientError(err: Error & { code?: string }, socket: Socket): void {
  // A reset connection has no one left to answer.
  if (err.code === "ECONNRESET" || socket.destroyed) return;
  const error =
    err.code === "ERR_HTTP_REQUEST_TIMEOUT"
      ? new ProxyError("RequestTimeout", `The request did not arrive within ${REQUEST_TIMEOUT_MS / 1000} s.`)
      : err.code === "HPE_HEADER_OVERFLOW"
        ? new ProxyError("HeadersTooLarge", "The request's headers are larger than Rolecall accepts.")
        : new ProxyError("BadRequest", "The request could not be read as HTTP.");
  if (socket.writable) {
    const body = JSON.stringify(error.toBody());
    socket.write(`HTTP/1.1 ${error.status} ${STATUS_CODES[error.status] ?? ""}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nContent-Type: application/json; charset=utf-8\r\nConnection: close\r\n\r\n${body}`);
  }
  socket.destroy(err);
}
