import { createHash, randomBytes } from "node:crypto";
import type { ArmTargetSummary } from "../../../shared/api.ts";
import { instanceNamePattern, type Action } from "../../../shared/names.ts";
import { targetOfArmId, type TargetRef } from "../../../shared/targets.ts";
import type { Config } from "../../config.ts";
import { UpstreamError } from "../../upstream/errors.ts";
import { armIdentityKey, type UpstreamIdentity } from "../../upstream/identity.ts";
import { mapLimited } from "../../upstream/map-limited.ts";
import { retryAfterMs, retryingRead } from "../../upstream/retry.ts";
import type { Backend, Log, StartedOperation, UpstreamOperation } from "../types.ts";
import { toSummary, toTarget } from "./map.ts";
import type { ArmTokenSource } from "./token.ts";
import { header, type ArmTransport, type JsonResponse } from "./transport.ts";
import { API_VERSION, asyncOperation, cloudService, cloudServiceInstanceView, errorEnvelope, page, roleInstance } from "./wire.ts";
import type { z } from "zod";

/** ARM's verb for each of Rolecall's actions (reboot is "restart" there). */
const armAction: Record<Action, string> = { reboot: "restart", reimage: "reimage", rebuild: "rebuild" };

/** Most instances one batch call names (see maxInstancesPerCall). */
const MAX_BATCH = 50;

/** A list of more pages than this is a loop (a nextLink that points back), not a real answer. */
const MAX_PAGES = 1000;

const seg = encodeURIComponent;

type ArmRef = Exclude<TargetRef, { kind: "classic" }>;

function extended(target: TargetRef): ArmRef {
  if (target.kind !== "extended") throw new Error(`the extended backend was handed a ${target.kind} target`);
  return target;
}

const cloudServicePath = (t: ArmRef) =>
  `/subscriptions/${seg(t.subscription)}/resourceGroups/${seg(t.resourceGroup)}/providers/Microsoft.Compute/cloudServices/${seg(t.name)}`;

const withVersion = (path: string) => `${path}${path.includes("?") ? "&" : "?"}api-version=${API_VERSION}`;

function failureOf(res: JsonResponse): UpstreamError {
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

/** 32 hex naming the operation in /api: ARM's operation id without dashes, else a digest of its URL. */
function operationIdOf(statusUrl: URL): string {
  const last = statusUrl.pathname.split("/").pop() ?? "";
  const hex = last.replace(/-/g, "").toLowerCase();
  return /^[0-9a-f]{32}$/.test(hex) ? hex : createHash("sha256").update(statusUrl.href).digest("hex").slice(0, 32);
}

/**
 * Cloud Services (extended support) over Azure Resource Manager as a Backend (reference Part B):
 * targets are cloud services; several instances go in one batch call; actions are long-running
 * operations followed through their Azure-AsyncOperation (or Location) URL, which must be on the
 * configured ARM origin like every URL ARM hands out.
 */
export function createExtendedBackend(transport: ArmTransport, tokens: ArmTokenSource, config: { arm: NonNullable<Config["arm"]>; upstream: Config["upstream"] }, appLog: Log): Backend<ArmTargetSummary> {
  async function read<T>(pathOrUrl: string, identity: UpstreamIdentity, schema: z.ZodType<T>, what: string, log: Log = appLog): Promise<T> {
    return (await readWithHeaders(pathOrUrl, identity, schema, what, log)).value;
  }

  async function readWithHeaders<T>(pathOrUrl: string, identity: UpstreamIdentity, schema: z.ZodType<T>, what: string, log: Log = appLog): Promise<{ value: T; headers: JsonResponse["headers"] }> {
    const token = await tokens(identity);
    const res = await retryingRead(
      async (timeoutMs) => {
        const r = await transport.send("GET", pathOrUrl, token, undefined, timeoutMs);
        return r.status >= 200 && r.status < 300 ? r : failureOf(r);
      },
      config.upstream,
      log,
      new URL(pathOrUrl, transport.origin).pathname,
    );
    const parsed = schema.safeParse(res.json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new UpstreamError({ kind: "malformed", status: res.status, requestId: header(res.headers, "x-ms-request-id"), detail: `${what}: ${issue?.path.join(".") ?? ""} ${issue?.message ?? "unexpected shape"}` });
    }
    return { value: parsed.data, headers: res.headers };
  }

  /** Every page of a list, following nextLink (on the ARM origin only: the transport checks). */
  async function readAll<T extends z.ZodType>(path: string, identity: UpstreamIdentity, item: T, what: string, log?: Log): Promise<z.infer<T>[]> {
    const items: z.infer<T>[] = [];
    let next: string | null | undefined = withVersion(path);
    for (let pages = 0; next; pages++) {
      if (pages >= MAX_PAGES) throw new UpstreamError({ kind: "malformed", detail: `${what} has more than ${MAX_PAGES} pages` });
      const p: { value: z.infer<T>[]; nextLink?: string | null } = await read(next, identity, page(item), what, log);
      items.push(...p.value);
      next = p.nextLink;
    }
    return items;
  }

  return {
    kind: "extended",
    // Cloud services take a list of role instances in one call (reference B4, which names no limit);
    // Rolecall's own cap keeps one call's reach, and its request, modest.
    maxInstancesPerCall: MAX_BATCH,
    partition: (identity) => armIdentityKey(config.arm.identity, identity),

    async listTargets(sub, identity, log) {
      const listed = await readAll(`/subscriptions/${seg(sub)}/providers/Microsoft.Compute/cloudServices`, identity, cloudService, "Cloud Services - List All", log);
      // Paths are rebuilt from validated names, never taken from the reply; an id Rolecall cannot
      // address is left out (and logged) rather than shown as a dead link.
      const services = listed.flatMap((cs) => {
        const ref = targetOfArmId(cs.id);
        if (ref?.kind === "extended") return [{ cs, ref }];
        (log ?? appLog).warn({ id: cs.id }, "a cloud service whose id Rolecall cannot address was left out");
        return [];
      });
      return mapLimited(services, 6, async ({ cs, ref }) => {
        const view = await read(withVersion(`${cloudServicePath(ref)}/instanceView`), identity, cloudServiceInstanceView, "Cloud Services - Get Instance View", log);
        return toSummary(cs, ref.resourceGroup, view.roleInstance?.statusesSummary);
      });
    },

    async readTarget(target, identity, log) {
      const t = extended(target);
      const path = cloudServicePath(t);
      const [cs, instances] = await Promise.all([
        read(withVersion(path), identity, cloudService, "Cloud Services - Get", log),
        readAll(`${path}/roleInstances?$expand=instanceView`, identity, roleInstance, "Cloud Service Role Instances - List", log),
      ]);
      return toTarget(cs, t.resourceGroup, instances);
    },

    async startAction(target, action, instances, identity): Promise<StartedOperation> {
      const t = extended(target);
      // Upstream an empty list, a missing one or "*" means every instance: only named ones leave.
      if (instances.length === 0 || instances.length > MAX_BATCH || !instances.every((n) => instanceNamePattern.test(n))) {
        throw new Error(`refusing to send ${action} for ${instances.length} instance name(s) that are not all explicit`);
      }
      const path = cloudServicePath(t);
      const token = await tokens(identity);
      const [only] = instances;
      const res =
        instances.length === 1 && only
          ? await transport.send("POST", withVersion(`${path}/roleInstances/${seg(only)}/${armAction[action]}`), token)
          : await transport.send("POST", withVersion(`${path}/${armAction[action]}`), token, { roleInstances: [...instances] });
      if (res.status === 200 || res.status === 204) return { id: randomBytes(16).toString("hex"), handle: "done" };
      if (res.status !== 202 && res.status !== 201) throw failureOf(res);
      // From here on Azure took the action: whatever is wrong with the reply, the outcome is unknown
      // (the target stays held), never "rejected".
      const untrackable = (detail: string) => new UpstreamError({ kind: "malformed", status: res.status, accepted: true, detail });
      const asyncUrl = header(res.headers, "azure-asyncoperation");
      const location = header(res.headers, "location");
      const raw = asyncUrl ?? location;
      if (!raw) throw untrackable(`${res.status} for ${action} without an Azure-AsyncOperation or Location header, so the operation cannot be tracked`);
      let statusUrl: URL;
      try {
        statusUrl = new URL(raw, transport.origin);
      } catch {
        throw untrackable(`the operation's status URL is not a URL`);
      }
      if (statusUrl.origin !== transport.origin) throw untrackable(`the operation's status URL is not on the ARM origin ${transport.origin}`);
      return { id: operationIdOf(statusUrl), handle: `${asyncUrl ? "async" : "location"}:${statusUrl.href}` };
    },

    async readOperation(_target, op, identity, log): Promise<UpstreamOperation> {
      const handle = op.handle ?? "";
      if (handle === "done") return { id: op.id, status: "Succeeded" };
      const [mode, ...rest] = handle.split(":");
      const url = rest.join(":");
      if (mode === "async") {
        const { value: doc, headers } = await readWithHeaders(url, identity, asyncOperation, "operation status", log);
        const retryAfter = retryAfterMs(header(headers, "retry-after"));
        const s = doc.status.toLowerCase();
        if (s === "succeeded") return { id: op.id, status: "Succeeded" };
        if (s === "failed" || s === "canceled" || s === "cancelled") {
          return { id: op.id, status: "Failed", error: { code: doc.error?.code ?? doc.status, message: doc.error?.message ?? `Azure reports the operation ${doc.status}.` } };
        }
        return { id: op.id, status: "InProgress", retryAfterMs: retryAfter };
      }
      if (mode === "location") {
        // Location polling (reference B5): 202 while running, another 2xx when done, anything else
        // is the operation's failure, except what says nothing about it (credentials, gone, throttled).
        const token = await tokens(identity);
        const res = await transport.send("GET", url, token);
        if (res.status === 202) return { id: op.id, status: "InProgress", retryAfterMs: retryAfterMs(header(res.headers, "retry-after")) };
        if (res.status >= 200 && res.status < 300) return { id: op.id, status: "Succeeded" };
        if ([401, 403, 404, 408, 429].includes(res.status)) throw failureOf(res);
        const failure = failureOf(res).failure;
        const said = failure.kind === "http" ? failure : undefined;
        return { id: op.id, status: "Failed", httpStatusCode: res.status, error: { code: said?.code ?? `HTTP${res.status}`, message: said?.message ?? `Azure reports the operation failed (${res.status}).` } };
      }
      throw new UpstreamError({ kind: "malformed", detail: `operation ${op.id} has no status URL Rolecall can follow` });
    },
  };
}
