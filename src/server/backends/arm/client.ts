import { createHash, randomBytes } from "node:crypto";
import type { z } from "zod";
import { armCollection, targetOfArmId, type TargetRef } from "../../../shared/targets.ts";
import type { Config } from "../../config.ts";
import { UpstreamError } from "../../upstream/errors.ts";
import { armIdentityKey, type UpstreamIdentity } from "../../upstream/identity.ts";
import { retryAfterMs, retryingRead } from "../../upstream/retry.ts";
import type { Backend, Log, StartedOperation, UpstreamOperation } from "../types.ts";
import type { ArmTokenSource } from "./token.ts";
import { header, type ArmTransport, type JsonResponse } from "./transport.ts";
import { asyncOperation, errorEnvelope, page } from "./wire.ts";

// What every Azure Resource Manager backend does the same way (reference B0, B5, C0): versioned
// reads with retries and shape checks, lists followed through nextLink, actions started as
// long-running operations and followed through their status URL. Each backend (extended, scaleset)
// adds only its paths, its verbs and its mapping.

/** A list of more pages than this is a loop (a nextLink that points back), not a real answer. */
const MAX_PAGES = 1000;

export const seg = encodeURIComponent;

export type ArmRef = Exclude<TargetRef, { kind: "classic" }>;

/** What an ARM backend is built with: the ARM upstream's settings and the shared upstream limits. */
export interface ArmConfig {
  arm: NonNullable<Config["arm"]>;
  upstream: Config["upstream"];
}

/** `target` as a target of this backend's `kind`; a target of another kind handed to it is a bug. */
export function armTarget(kind: ArmRef["kind"], target: TargetRef): ArmRef {
  if (target.kind !== kind) throw new Error(`the ${kind} backend was handed a ${target.kind} target`);
  return target;
}

/** The target's Azure resource id, `/subscriptions/…/providers/Microsoft.Compute/{collection}/{name}`, rebuilt from validated names. */
export const armResourcePath = (t: ArmRef) =>
  `/subscriptions/${seg(t.subscription)}/resourceGroups/${seg(t.resourceGroup)}/providers/Microsoft.Compute/${armCollection[t.kind]}/${seg(t.name)}`;

/**
 * Thrown when an action would leave without an explicit list of distinct instance names. Upstream, an
 * empty or missing list, or "*", means every instance (DESIGN.md §4), so this is the backend's own
 * guard behind the routes' checks: reaching it is a bug in Rolecall, and nothing is sent.
 */
export class UnsafeInstanceListError extends Error {
  override name = "UnsafeInstanceListError";
}

export function assertExplicitInstances(action: string, instances: readonly string[] | undefined, max: number, pattern: RegExp): asserts instances is readonly string[] {
  const refuse = (why: string) => {
    throw new UnsafeInstanceListError(`refusing to send ${action}: ${why}; an upstream batch call must name each instance explicitly`);
  };
  if (!Array.isArray(instances) || instances.length === 0) refuse("no instance was named");
  const list = instances as readonly unknown[];
  if (list.length > max) refuse(`${list.length} instances is more than ${max} in one call`);
  const bad = list.find((n) => typeof n !== "string" || !pattern.test(n));
  if (bad !== undefined) refuse(`${JSON.stringify(bad)} is not an instance name`);
  if (new Set(list.map((n) => String(n).toLowerCase())).size !== list.length) refuse("an instance is named twice");
}

export function failureOf(res: JsonResponse): UpstreamError {
  const parsed = errorEnvelope.safeParse(res.json);
  return new UpstreamError({
    kind: "http",
    status: res.status,
    code: parsed.success ? parsed.data.error.code : undefined,
    message: parsed.success ? parsed.data.error.message : undefined,
    requestId: header(res.headers, "x-ms-request-id"),
    retryAfterMs: retryAfterMs(header(res.headers, "retry-after")),
  });
}

const isSuccess = (r: JsonResponse) => r.status >= 200 && r.status < 300;

/**
 * A Location poll's answer that says the operation ended in failure: a 4xx carrying ARM's error
 * envelope. Credentials refused (401/403), gone (404), timed out (408) and throttled (429) say
 * nothing about the operation; neither does a 4xx without the envelope (a gateway's, not Compute's).
 */
const endedInFailure = (r: JsonResponse) =>
  r.status >= 400 && r.status < 500 && ![401, 403, 404, 408, 429].includes(r.status) && errorEnvelope.safeParse(r.json).success;

/** 32 hex naming the operation in /api: ARM's operation id without dashes, else a digest of its URL. */
function operationIdOf(statusUrl: URL): string {
  const last = statusUrl.pathname.split("/").pop() ?? "";
  const hex = last.replace(/-/g, "").toLowerCase();
  return /^[0-9a-f]{32}$/.test(hex) ? hex : createHash("sha256").update(statusUrl.href).digest("hex").slice(0, 32);
}

export interface ArmClient {
  readonly origin: string;
  /** `path` with this backend's api-version. */
  versioned(path: string): string;
  read<T>(pathOrUrl: string, identity: UpstreamIdentity, schema: z.ZodType<T>, what: string, log?: Log): Promise<T>;
  /** Every page of a list (`path` without api-version), following nextLink on the ARM origin only. */
  readAll<T extends z.ZodType>(path: string, identity: UpstreamIdentity, item: T, what: string, log?: Log): Promise<z.infer<T>[]>;
  /**
   * The subscription's resources of `kind`, each with the target it is addressed by. Paths are
   * rebuilt from validated names, never taken from the reply: a resource whose id Rolecall cannot
   * address, or that `serves` turns away, is left out (and logged) rather than shown as a dead link.
   */
  listResources<T extends z.ZodType<{ id: string }>>(sub: string, kind: ArmRef["kind"], item: T, what: string, identity: UpstreamIdentity, log?: Log, serves?: (resource: z.infer<T>) => boolean): Promise<{ resource: z.infer<T>; ref: ArmRef }[]>;
  /** One POST that starts a long-running operation (`path` without api-version); never retried. */
  start(path: string, body: unknown, identity: UpstreamIdentity, what: string): Promise<StartedOperation>;
  readOperation(op: StartedOperation, identity: UpstreamIdentity, log?: Log): Promise<UpstreamOperation>;
}

export function createArmClient(transport: ArmTransport, tokens: ArmTokenSource, config: Pick<ArmConfig, "upstream">, apiVersion: string, appLog: Log): ArmClient {
  const versioned = (path: string) => `${path}${path.includes("?") ? "&" : "?"}api-version=${apiVersion}`;

  /** One GET with the retries of every read; a reply `answers` does not accept is a failed read. */
  async function get(pathOrUrl: string, identity: UpstreamIdentity, log: Log, answers: (r: JsonResponse) => boolean): Promise<JsonResponse> {
    const token = await tokens(identity);
    return retryingRead(
      async (timeoutMs) => {
        const r = await transport.send("GET", pathOrUrl, token, undefined, timeoutMs);
        return answers(r) ? r : failureOf(r);
      },
      config.upstream,
      log,
      new URL(pathOrUrl, transport.origin).pathname,
    );
  }

  async function readWithHeaders<T>(pathOrUrl: string, identity: UpstreamIdentity, schema: z.ZodType<T>, what: string, log: Log = appLog): Promise<{ value: T; headers: JsonResponse["headers"] }> {
    const res = await get(pathOrUrl, identity, log, isSuccess);
    const parsed = schema.safeParse(res.json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new UpstreamError({ kind: "malformed", status: res.status, requestId: header(res.headers, "x-ms-request-id"), detail: `${what}: ${issue?.path.join(".") ?? ""} ${issue?.message ?? "unexpected shape"}` });
    }
    return { value: parsed.data, headers: res.headers };
  }

  const read: ArmClient["read"] = async (pathOrUrl, identity, schema, what, log) => (await readWithHeaders(pathOrUrl, identity, schema, what, log)).value;

  const readAll: ArmClient["readAll"] = async (path, identity, item, what, log) => {
    const items: z.infer<typeof item>[] = [];
    let next: string | null | undefined = versioned(path);
    for (let pages = 0; next; pages++) {
      if (pages >= MAX_PAGES) throw new UpstreamError({ kind: "malformed", detail: `${what} has more than ${MAX_PAGES} pages` });
      const p: { value: z.infer<typeof item>[]; nextLink?: string | null } = await read(next, identity, page(item), what, log);
      items.push(...p.value);
      next = p.nextLink;
    }
    return items;
  };

  return {
    origin: transport.origin,
    versioned,
    read,
    readAll,

    async listResources(sub, kind, item, what, identity, log, serves = () => true) {
      const listed = await readAll(`/subscriptions/${seg(sub)}/providers/Microsoft.Compute/${armCollection[kind]}`, identity, item, what, log);
      return listed.flatMap((resource) => {
        const ref = targetOfArmId(resource.id);
        if (ref?.kind === kind && serves(resource)) return [{ resource, ref }];
        (log ?? appLog).warn({ id: resource.id, kind }, "a resource Rolecall cannot address or serve was left out of the list");
        return [];
      });
    },

    async start(path, body, identity, what) {
      // The path is built from names; should one still be a dot segment, resolving it would send the
      // POST to a shorter path than the one built (an instance's action becoming the whole target's).
      // The URL is resolved here as the transport resolves it, and must be exactly the one built.
      const built = path.split("?")[0] ?? path;
      const sentTo = new URL(versioned(path), transport.origin).pathname;
      if (sentTo !== built) throw new UnsafeInstanceListError(`refusing to send ${what}: its URL would resolve to ${sentTo} instead of ${built}`);
      const token = await tokens(identity);
      const res = await transport.send("POST", versioned(path), token, body);
      if (res.status === 200 || res.status === 204) return { id: randomBytes(16).toString("hex"), handle: "done" };
      if (res.status !== 202 && res.status !== 201) throw failureOf(res);
      // From here on Azure took the action: whatever is wrong with the reply, the outcome is unknown
      // (the target stays held), never "rejected".
      const untrackable = (detail: string) => new UpstreamError({ kind: "malformed", status: res.status, accepted: true, detail });
      const asyncUrl = header(res.headers, "azure-asyncoperation");
      const raw = asyncUrl ?? header(res.headers, "location");
      if (!raw) throw untrackable(`${res.status} for ${what} without an Azure-AsyncOperation or Location header, so the operation cannot be tracked`);
      let statusUrl: URL;
      try {
        statusUrl = new URL(raw, transport.origin);
      } catch {
        throw untrackable(`the operation's status URL is not a URL`);
      }
      if (statusUrl.origin !== transport.origin) throw untrackable(`the operation's status URL is not on the ARM origin ${transport.origin}`);
      return { id: operationIdOf(statusUrl), handle: `${asyncUrl ? "async" : "location"}:${statusUrl.href}` };
    },

    async readOperation(op, identity, log) {
      const handle = op.handle ?? "";
      if (handle === "done") return { id: op.id, status: "Succeeded" };
      const [mode, ...rest] = handle.split(":");
      const url = rest.join(":");
      if (mode === "async") {
        const { value: doc, headers } = await readWithHeaders(url, identity, asyncOperation, "operation status", log);
        const s = doc.status.toLowerCase();
        if (s === "succeeded") return { id: op.id, status: "Succeeded" };
        if (s === "failed" || s === "canceled" || s === "cancelled") {
          return { id: op.id, status: "Failed", error: { code: doc.error?.code ?? doc.status, message: doc.error?.message ?? `Azure reports the operation ${doc.status}.` } };
        }
        return { id: op.id, status: "InProgress", retryAfterMs: retryAfterMs(header(headers, "retry-after")) };
      }
      if (mode === "location") {
        // Location polling (reference B5): 202 while running, another 2xx when done. A 5xx, a timeout
        // or a reset is the gateway's or the poll's trouble, not the operation's: it is retried like any
        // read and, if it persists, thrown as a failed read (status unknown for now), as on the async
        // path. Only a 4xx in ARM's error envelope reports that the operation ended Failed.
        const res = await get(url, identity, log ?? appLog, (r) => isSuccess(r) || endedInFailure(r));
        if (res.status === 202) return { id: op.id, status: "InProgress", retryAfterMs: retryAfterMs(header(res.headers, "retry-after")) };
        if (isSuccess(res)) return { id: op.id, status: "Succeeded" };
        const said = errorEnvelope.safeParse(res.json).data?.error;
        return { id: op.id, status: "Failed", httpStatusCode: res.status, error: { code: said?.code ?? `HTTP${res.status}`, message: said?.message ?? `Azure reports the operation failed (${res.status}).` } };
      }
      throw new UpstreamError({ kind: "malformed", detail: `operation ${op.id} has no status URL Rolecall can follow` });
    },
  };
}

/** The parts of a Backend every ARM kind shares: its cache partition and how operations are followed. */
export function armBackendBase(arm: ArmClient, config: ArmConfig): Pick<Backend, "partition" | "readOperation"> {
  return {
    partition: (identity) => armIdentityKey(config.arm.identity, identity),
    readOperation: (_target, op, identity, log) => arm.readOperation(op, identity, log),
  };
}
