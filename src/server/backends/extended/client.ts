import { createHash } from "node:crypto";
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

/** A list of more pages than this is a loop (a nextLink that points back), not a real answer. */
const MAX_PAGES = 1000;

const seg = encodeURIComponent;

type ArmRef = Exclude<TargetRef, { kind: "classic" }>;

function extended(target: TargetRef): ArmRef {
  if (target.kind !== "extended") throw new Error(`the extended backend was handed a ${target.kind} target`);
  return target;
}

/** The resource group named in a resource id ("" if it names none). */
function resourceGroupOf(id: string): string {
  const ref = targetOfArmId(id);
  return ref && ref.kind !== "classic" ? ref.resourceGroup : "";
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
function operationIdOf(statusUrl: string): string {
  const last = new URL(statusUrl).pathname.split("/").pop() ?? "";
  const hex = last.replace(/-/g, "").toLowerCase();
  return /^[0-9a-f]{32}$/.test(hex) ? hex : createHash("sha256").update(statusUrl).digest("hex").slice(0, 32);
}

/**
 * Cloud Services (extended support) over Azure Resource Manager as a Backend (reference Part B):
 * targets are cloud services; several instances go in one batch call; actions are long-running
 * operations followed through their Azure-AsyncOperation (or Location) URL, which must be on the
 * configured ARM origin like every URL ARM hands out.
 */
export function createExtendedBackend(transport: ArmTransport, tokens: ArmTokenSource, config: { arm: NonNullable<Config["arm"]>; upstream: Config["upstream"] }, appLog: Log): Backend<ArmTargetSummary> {
  async function read<T>(pathOrUrl: string, identity: UpstreamIdentity, schema: z.ZodType<T>, what: string, log: Log = appLog): Promise<T> {
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
    return parsed.data;
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
    // Cloud services take a list of role instances in one call (reference B4).
    maxInstancesPerCall: 50,
    partition: (identity) => armIdentityKey(config.arm.identity, identity),

    async listTargets(sub, identity, log) {
      const services = await readAll(`/subscriptions/${seg(sub)}/providers/Microsoft.Compute/cloudServices`, identity, cloudService, "Cloud Services - List All", log);
      return mapLimited(services, 6, async (cs) => {
        const view = await read(withVersion(`${cs.id}/instanceView`), identity, cloudServiceInstanceView, "Cloud Services - Get Instance View", log);
        return toSummary(cs, resourceGroupOf(cs.id), view.roleInstance?.statusesSummary);
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
      if (instances.length === 0 || instances.length > 50 || !instances.every((n) => instanceNamePattern.test(n))) {
        throw new Error(`refusing to send ${action} for ${instances.length} instance name(s) that are not all explicit`);
      }
      const path = cloudServicePath(t);
      const token = await tokens(identity);
      const [only] = instances;
      const res =
        instances.length === 1 && only
          ? await transport.send("POST", withVersion(`${path}/roleInstances/${seg(only)}/${armAction[action]}`), token)
          : await transport.send("POST", withVersion(`${path}/${armAction[action]}`), token, { roleInstances: [...instances] });
      if (res.status === 200 || res.status === 204) return { id: operationIdOf(`${transport.origin}${path}#${Date.now()}`), handle: "done" };
      if (res.status !== 202 && res.status !== 201) throw failureOf(res);
      const asyncUrl = header(res.headers, "azure-asyncoperation");
      const location = header(res.headers, "location");
      const statusUrl = asyncUrl ?? location;
      if (!statusUrl) throw new UpstreamError({ kind: "malformed", status: res.status, detail: `${res.status} for ${action} without an Azure-AsyncOperation or Location header, so the operation cannot be tracked` });
      if (new URL(statusUrl, transport.origin).origin !== transport.origin) {
        throw new UpstreamError({ kind: "malformed", status: res.status, detail: `the operation's status URL is not on the ARM origin ${transport.origin}` });
      }
      return { id: operationIdOf(statusUrl), handle: `${asyncUrl ? "async" : "location"}:${statusUrl}` };
    },

    async readOperation(_target, op, identity, log): Promise<UpstreamOperation> {
      const handle = op.handle ?? "";
      if (handle === "done") return { id: op.id, status: "Succeeded" };
      const [mode, ...rest] = handle.split(":");
      const url = rest.join(":");
      if (mode === "async") {
        const doc = await read(url, identity, asyncOperation, "operation status", log);
        const s = doc.status.toLowerCase();
        if (s === "succeeded") return { id: op.id, status: "Succeeded" };
        if (s === "failed" || s === "canceled" || s === "cancelled") {
          return { id: op.id, status: "Failed", error: { code: doc.error?.code ?? doc.status, message: doc.error?.message ?? `Azure reports the operation ${doc.status}.` } };
        }
        return { id: op.id, status: "InProgress" };
      }
      if (mode === "location") {
        // Location polling: 202 while running, 200/204 when done (reference B5).
        const token = await tokens(identity);
        const res = await transport.send("GET", url, token);
        if (res.status === 202) return { id: op.id, status: "InProgress" };
        if (res.status >= 200 && res.status < 300) return { id: op.id, status: "Succeeded" };
        throw failureOf(res);
      }
      throw new UpstreamError({ kind: "malformed", detail: `operation ${op.id} has no status URL Rolecall can follow` });
    },
  };
}
