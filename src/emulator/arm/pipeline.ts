import type { IncomingMessage, ServerResponse } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { ApiError } from "../classic/errors.ts";
import type { PipelineDeps } from "../classic/pipeline.ts";
import { sendJson } from "../classic/wire.ts";
import { handleControl } from "../control.ts";
import { lenientQuery, parseUrl, readBody } from "../request.ts";
import { ArmError, armErrors, errorBody } from "./errors.ts";
import { matchArmRoute } from "./routes.ts";
import { newRequestId, rateKind, REMAINING, sendArm, sendRaw, type RateKind } from "./wire.ts";

/** The ARM face's share of the emulator: the same state, faults and log as the classic face, and its own listener. */
export interface ArmDeps extends PipelineDeps {
  arm: {
    pageSize: number;
    /** Set once the listener is bound: `https://host:port`. */
    origin: string;
  };
}

/** What `malformedNext` answers: a JSON body cut off mid-value. */
const MALFORMED_BODY = '{"value":[{"name":"contoso-shop","id":"/subscriptions/';

interface ArmRequest {
  method: string;
  url: string;
  requestId: string;
  kind: RateKind;
  body: string;
  tooLarge: boolean;
}

/** One request, end to end. `/_emulator` is test control (shared with the classic face); everything else is ARM. */
export async function handleArmRequest(deps: ArmDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const method = (req.method ?? "GET").toUpperCase();
  const r = { method, url: req.url ?? "/", requestId: newRequestId(), kind: rateKind(method) };
  try {
    const body = await readBody(req);
    if (r.url.split(/[/?]/).find((s) => s !== "") === "_emulator") {
      const segments = (r.url.split("?")[0] ?? "").split("/").filter((s) => s !== "");
      const reply = body.tooLarge
        ? { status: 400, json: errorBody("BadRequest", "The body is larger than 1 MB.") }
        : handleControl(deps, method, segments.slice(1), body.text);
      sendJson(res, reply.status, reply.json);
      return;
    }
    await handleApi(deps, req, { ...r, body: body.text, tooLarge: body.tooLarge }, res);
  } catch (err) {
    // parseUrl speaks the classic face's errors; the status, code and message carry over as they are.
    const e = err instanceof ArmError ? err : err instanceof ApiError ? new ArmError(err.status, err.code, err.message) : armErrors.internal();
    if (!(err instanceof ArmError) && !(err instanceof ApiError)) console.error("emulator (ARM): unexpected error", err);
    if (!res.headersSent) sendArm(res, e.status, r, errorBody(e.code, e.message, e.target), e.headers);
  }
}

/**
 * URLs handed out are absolute on the listener's own origin. Bound to every address (0.0.0.0, ::),
 * that origin names no reachable host, so the client's own `Host` is used instead.
 */
function originOf(deps: ArmDeps, req: IncomingMessage): string {
  const host = deps.options.arm?.host;
  const wildcard = host === "0.0.0.0" || host === "::";
  return wildcard && req.headers.host ? `https://${req.headers.host}` : deps.arm.origin;
}

function subscriptionOf(url: string): string {
  const [first, second] = (url.split("?")[0] ?? "").split("/").filter((s) => s !== "");
  return first?.toLowerCase() === "subscriptions" && second ? second : "unknown";
}

async function handleApi(deps: ArmDeps, req: IncomingMessage, r: ArmRequest, res: ServerResponse): Promise<void> {
  const rawPath = r.url.split("?")[0] ?? "/";
  deps.log.record({
    face: "arm",
    method: r.method,
    path: rawPath,
    query: lenientQuery(r.url),
    at: new Date(deps.state.now()).toISOString(),
    rawHeaders: req.headers,
    clientCertificate: false,
  });

  const latency = deps.faults.latencyFor("arm", r.method, rawPath);
  if (latency > 0) await sleep(latency);
  const injected = deps.faults.take("arm", r.method, rawPath);
  if (injected?.kind === "throttle") {
    const e = armErrors.throttled(injected.status, injected.retryAfterSeconds, subscriptionOf(r.url), r.kind);
    // Throttled: the budget of this kind of request is spent; ARM names both budgets on the reply.
    const budgets = { "x-ms-ratelimit-remaining-subscription-reads": REMAINING.reads, "x-ms-ratelimit-remaining-subscription-writes": REMAINING.writes };
    sendArm(res, e.status, r, errorBody(e.code, e.message), { ...budgets, [`x-ms-ratelimit-remaining-subscription-${r.kind}`]: "0", ...e.headers });
    return;
  }
  if (injected?.kind === "fail") throw new ArmError(injected.status, injected.code, injected.message);
  if (injected?.kind === "malformed") {
    sendRaw(res, 200, r.requestId, MALFORMED_BODY);
    return;
  }

  // ARM authenticates first; any bearer token is accepted (the emulator has no identities).
  const auth = req.headers.authorization;
  if (auth === undefined || auth.trim() === "") throw armErrors.missingToken();
  if (!/^Bearer\s+\S+\s*$/i.test(auth)) throw armErrors.badToken();

  if (r.tooLarge) throw armErrors.tooLarge();
  const { segments, query } = parseUrl(r.url);
  const version = query["api-version"];
  if (version === undefined || version.trim() === "") throw armErrors.missingApiVersion();
  // Each resource type has its own api-versions (cloud services and scale sets differ), so the
  // version is checked once the operation is known.
  const { route, params } = matchArmRoute(r.method, segments, query, rawPath);
  if (!route.apiVersions.includes(version)) throw armErrors.badApiVersion(version, route.apiVersions);
  const reply = route.handler({
    state: deps.state,
    params,
    query,
    apiVersion: version,
    body: r.body,
    rawPath,
    origin: originOf(deps, req),
    pageSize: deps.arm.pageSize,
    speed: deps.options.speed,
  });
  let headers = reply.headers;
  if (headers?.["Azure-AsyncOperation"] !== undefined && deps.faults.takeLocationOnly(r.method, rawPath)) {
    const { "Azure-AsyncOperation": _dropped, ...rest } = headers;
    headers = rest;
  }
  sendArm(res, reply.status, r, reply.json, headers);
}
