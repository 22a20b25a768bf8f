import type { IncomingMessage, ServerResponse } from "node:http";
import type { TLSSocket } from "node:tls";
import { setTimeout as sleep } from "node:timers/promises";
import { XMLValidator } from "fast-xml-parser";
import { handleControl } from "../control.ts";
import type { Faults } from "../model/faults.ts";
import type { RequestLog } from "../model/request-log.ts";
import type { EmulatorState } from "../model/state.ts";
import type { ResolvedOptions } from "../options.ts";
import { lenientQuery, parseUrl, readBody } from "../request.ts";
import { ApiError, errors, errorXml } from "./errors.ts";
import { matchRoute } from "./routes.ts";
import { newRequestId, sendJson, sendXml, sendXmlPieces } from "./wire.ts";
import { NS, NS_I } from "./xml/builder.ts";

export interface PipelineDeps {
  options: ResolvedOptions;
  state: EmulatorState;
  faults: Faults;
  log: RequestLog;
}

const VERSION_FORMAT = /^\d{4}-\d{2}-\d{2}$/;
/** What `malformedNext` answers: a body cut off mid-element. */
const MALFORMED_BODY = `<HostedServices xmlns="${NS}" xmlns:i="${NS_I}"><HostedService><Url>https://management.core.windows.net/<Serv`;

interface Credentials {
  bearer: boolean;
  certPresented: boolean;
  certValid: boolean;
}

function credentials(req: IncomingMessage): Credentials {
  const socket = req.socket as Partial<TLSSocket>;
  const cert = typeof socket.getPeerCertificate === "function" ? socket.getPeerCertificate() : undefined;
  const certPresented = cert !== undefined && Object.keys(cert).length > 0;
  return {
    bearer: /^Bearer\s+\S+/i.test(req.headers.authorization ?? ""),
    certPresented,
    certValid: certPresented && socket.authorized === true,
  };
}

/** One request, end to end. Control requests go to /_emulator; everything else is the API. */
export async function handleRequest(deps: PipelineDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const requestId = newRequestId();
  const method = (req.method ?? "GET").toUpperCase();
  const url = req.url ?? "/";
  try {
    const body = await readBody(req);
    const firstSegment = url.split(/[/?]/).find((s) => s !== "");
    if (firstSegment === "_emulator") {
      const segments = (url.split("?")[0] ?? "").split("/").filter((s) => s !== "");
      const reply = body.tooLarge
        ? { status: 400, json: { error: { code: "BadRequest", message: "The body is larger than 1 MB." } } }
        : handleControl(deps, method, segments.slice(1), body.text);
      sendJson(res, reply.status, reply.json);
      return;
    }
    await handleApi(deps, req, { method, url, requestId, body: body.text, tooLarge: body.tooLarge }, res);
  } catch (err) {
    const apiError = err instanceof ApiError ? err : errors.internal();
    if (!(err instanceof ApiError)) console.error("emulator: unexpected error", err);
    if (!res.headersSent) sendXml(res, apiError.status, requestId, errorXml(apiError.code, apiError.message), apiError.headers);
  }
}

interface ApiRequest {
  method: string;
  url: string;
  requestId: string;
  body: string;
  tooLarge: boolean;
}

async function handleApi(deps: PipelineDeps, req: IncomingMessage, r: ApiRequest, res: ServerResponse): Promise<void> {
  const creds = credentials(req);
  const rawPath = r.url.split("?")[0] ?? "/";
  deps.log.record({
    face: "classic",
    method: r.method,
    path: rawPath,
    query: lenientQuery(r.url),
    at: new Date(deps.state.now()).toISOString(),
    rawHeaders: req.headers,
    clientCertificate: creds.certPresented,
  });

  const latency = deps.faults.latencyFor("classic", r.method, rawPath);
  if (latency > 0) await sleep(latency);
  const injected = deps.faults.take("classic", r.method, rawPath);
  if (injected?.kind === "throttle") throw errors.throttled(injected.status, injected.retryAfterSeconds);
  if (injected?.kind === "fail") throw new ApiError(injected.status, injected.code, injected.message);
  if (injected?.kind === "malformed") {
    sendXml(res, 200, r.requestId, MALFORMED_BODY);
    return;
  }

  if (r.tooLarge) throw errors.badRequest("The request body is larger than the 1 MB limit.");
  const { segments, query } = parseUrl(r.url);

  const { options } = deps;
  const authRequired = options.requireAuth || options.tls?.requestClientCert === true;
  if (authRequired && !creds.bearer && !creds.certValid) throw errors.forbidden();

  const version = req.headers["x-ms-version"];
  if (typeof version !== "string" || !VERSION_FORMAT.test(version.trim())) throw errors.missingVersion();

  const { route, params } = matchRoute(r.method, segments, query);
  if (version.trim() < route.minVersion) throw errors.versionTooOld(route.minVersion);
  // No emulated operation takes a body, but a body that is there must at least be well-formed XML.
  // XMLValidator is deprecated in favour of a separate package; it still works in v5 and saves a dependency.
  // eslint-disable-next-line @typescript-eslint/no-deprecated
  if (r.body.trim() !== "" && XMLValidator.validate(r.body) !== true) throw errors.invalidXml();

  const reply = route.handler({ state: deps.state, params, query, requestId: r.requestId });
  if (typeof reply.body === "object") await sendXmlPieces(res, reply.status, r.requestId, reply.body);
  else sendXml(res, reply.status, r.requestId, reply.body);
}
