import type { Config } from "../config.ts";
import type { Action, Slot } from "../../shared/names.ts";
import { operationIdPattern, slotToWire } from "../../shared/names.ts";
import { UpstreamError } from "./errors.ts";
import type { UpstreamIdentity } from "./identity.ts";
import type { IncomingHttpHeaders } from "node:http";
import type { z } from "zod";
import type { BodyReader, RawResponse, Transport } from "./transport.ts";
import { parseErrorBody, xmlBodyReader } from "./xml.ts";
import {
  getDeploymentReply,
  getHostedServiceReply,
  getSubscriptionReply,
  listHostedServicesReply,
  listSubscriptionsReply,
  operationReply,
} from "./wire.ts";
import { toCloudService, toDeployment, type DeploymentData } from "./map.ts";
import type { CloudService, OperationStatus, Subscription } from "../../shared/domain.ts";

export interface UpstreamOperation {
  id: string;
  status: OperationStatus;
  httpStatusCode?: number;
  error?: { code: string; message: string };
}

export interface ServiceManagementClient {
  listSubscriptions(identity: UpstreamIdentity): Promise<Subscription[]>;
  getSubscription(sub: string, identity: UpstreamIdentity): Promise<Subscription>;
  listServiceNames(sub: string, identity: UpstreamIdentity): Promise<string[]>;
  getService(sub: string, service: string, identity: UpstreamIdentity): Promise<CloudService>;
  getDeployment(sub: string, service: string, slot: Slot, identity: UpstreamIdentity): Promise<DeploymentData>;
  getOperation(sub: string, requestId: string, identity: UpstreamIdentity): Promise<UpstreamOperation>;
  /** Reboot/reimage/rebuild one instance; resolves with the upstream request id. Never retried. */
  postAction(sub: string, service: string, slot: Slot, instance: string, action: Action, identity: UpstreamIdentity): Promise<string>;
}

type Log = { warn(obj: object, msg: string): void };

const actionQuery: Record<Action, string> = {
  reboot: "comp=reboot",
  reimage: "comp=reimage",
  // allLocalDrives is the only value the API accepts.
  rebuild: "comp=rebuild&resources=allLocalDrives",
};

const seg = encodeURIComponent;

function headerOf(res: { headers: IncomingHttpHeaders }, name: string): string | undefined {
  const v = res.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** Retry-After as seconds or an HTTP date → milliseconds. */
export function retryAfterMs(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function failureOf(res: RawResponse): UpstreamError {
  const { code, message } = parseErrorBody(res.body);
  const after = retryAfterMs(headerOf(res, "retry-after"));
  const requestId = headerOf(res, "x-ms-request-id");
  return new UpstreamError({
    kind: "http",
    status: res.status,
    ...(code ? { code } : {}),
    ...(message ? { message } : {}),
    ...(requestId ? { requestId } : {}),
    ...(after !== undefined ? { retryAfterMs: after } : {}),
  });
}

function isRetryable(err: UpstreamError): boolean {
  const f = err.failure;
  if (f.kind === "timeout" || f.kind === "unreachable") return true;
  return f.kind === "http" && (f.status >= 500 || f.status === 429);
}

export function createServiceManagementClient(transport: Transport, upstream: Config["upstream"], log: Log): ServiceManagementClient {
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  /** GET with retries on 5xx, 429, timeouts and connection failures; honours Retry-After up to a cap. */
  async function get<T>(path: string, identity: UpstreamIdentity, reader?: (headers: IncomingHttpHeaders) => BodyReader<T>): Promise<RawResponse<T>> {
    for (let attempt = 0; ; attempt++) {
      let error: UpstreamError;
      try {
        const res = await transport.send("GET", path, identity, reader);
        if (res.status >= 200 && res.status < 300) return res;
        error = failureOf(res);
      } catch (err) {
        if (!(err instanceof UpstreamError)) throw err;
        error = err;
      }
      if (attempt >= upstream.retries || !isRetryable(error)) throw error;
      const asked = error.failure.kind === "http" ? error.failure.retryAfterMs : undefined;
      // A Retry-After longer than we are willing to hold the caller: give up now, and pass it on.
      if (asked !== undefined && asked > upstream.retryAfterCapMs) throw error;
      const backoff = upstream.retryBaseMs * 2 ** attempt * (0.75 + Math.random() * 0.5);
      const wait = Math.max(asked ?? 0, backoff);
      log.warn({ path, attempt: attempt + 1, waitMs: Math.round(wait), reason: error.message }, "retrying upstream GET");
      await sleep(wait);
    }
  }

  /**
   * GET and read the XML reply against `schema`: the body is parsed as it arrives and checked at
   * its end; malformed XML or an unexpected shape rejects with UpstreamError(malformed).
   */
  async function read<T>(path: string, identity: UpstreamIdentity, schema: z.ZodType<T>, what: string): Promise<T> {
    const res = await get(path, identity, (headers) => xmlBodyReader(schema, what, headerOf({ headers }, "x-ms-request-id")));
    return res.read as T;
  }

  return {
    async listSubscriptions(identity) {
      const parsed = await read("/subscriptions", identity, listSubscriptionsReply, "List Subscriptions");
      return (parsed.Subscriptions?.Subscription ?? []).map((s) => ({ id: s.SubscriptionID.toLowerCase(), name: s.SubscriptionName || s.SubscriptionID }));
    },
    async getSubscription(sub, identity) {
      const s = (await read(`/${seg(sub)}`, identity, getSubscriptionReply, "Get Subscription")).Subscription;
      return { id: s.SubscriptionID.toLowerCase(), name: s.SubscriptionName || s.SubscriptionID };
    },
    async listServiceNames(sub, identity) {
      const parsed = await read(`/${seg(sub)}/services/hostedservices`, identity, listHostedServicesReply, "List Hosted Services");
      return (parsed.HostedServices?.HostedService ?? []).map((s) => s.ServiceName);
    },
    async getService(sub, service, identity) {
      const path = `/${seg(sub)}/services/hostedservices/${seg(service)}?embed-detail=true`;
      return toCloudService((await read(path, identity, getHostedServiceReply, "Get Hosted Service Properties")).HostedService);
    },
    async getDeployment(sub, service, slot, identity) {
      const path = `/${seg(sub)}/services/hostedservices/${seg(service)}/deploymentslots/${slotToWire(slot)}`;
      return toDeployment((await read(path, identity, getDeploymentReply, "Get Deployment")).Deployment);
    },
    async getOperation(sub, requestId, identity) {
      const op = (await read(`/${seg(sub)}/operations/${seg(requestId)}`, identity, operationReply, "Get Operation Status")).Operation;
      return {
        id: requestId,
        status: op.Status,
        ...(op.HttpStatusCode !== undefined ? { httpStatusCode: op.HttpStatusCode } : {}),
        ...(op.Error ? { error: { code: op.Error.Code, message: op.Error.Message } } : {}),
      };
    },
    async postAction(sub, service, slot, instance, action, identity) {
      const path = `/${seg(sub)}/services/hostedservices/${seg(service)}/deploymentslots/${slotToWire(slot)}/roleinstances/${seg(instance)}?${actionQuery[action]}`;
      const res = await transport.send("POST", path, identity);
      // The wire answer of an accepted action is 202 (a 200 is an error to the official SDK too).
      if (res.status !== 202) {
        if (res.status >= 200 && res.status < 300) {
          throw new UpstreamError({ kind: "malformed", status: res.status, detail: `expected 202 Accepted for ${action}, got ${res.status}` });
        }
        throw failureOf(res);
      }
      const requestId = headerOf(res, "x-ms-request-id")?.toLowerCase();
      if (!requestId || !operationIdPattern.test(requestId)) {
        throw new UpstreamError({ kind: "malformed", status: 202, detail: "202 Accepted without a valid x-ms-request-id, so the operation cannot be tracked" });
      }
      return requestId;
    },
  };
}
