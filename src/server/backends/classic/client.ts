import type { CloudService } from "../../../shared/api.ts";
import type { Action } from "../../../shared/names.ts";
import { instanceNamePattern, operationIdPattern, slotToWire } from "../../../shared/names.ts";
import type { TargetRef } from "../../../shared/targets.ts";
import type { Config } from "../../config.ts";
import { UpstreamError } from "../../upstream/errors.ts";
import { mapLimited } from "../../upstream/map-limited.ts";
import { retryAfterMs, retryingRead } from "../../upstream/retry.ts";
import { identityKey, type UpstreamIdentity } from "../../upstream/identity.ts";
import type { Backend, Log, SubscriptionDirectory, TargetData } from "../types.ts";
import type { IncomingHttpHeaders } from "node:http";
import type { z } from "zod";
import type { BodyReader, RawResponse, Transport } from "./transport.ts";
import { parseErrorBody, xmlBodyReader } from "./xml.ts";
import {
  getHostedServiceReply,
  getSubscriptionReply,
  listHostedServicesReply,
  listSubscriptionsReply,
  operationReply,
} from "./wire.ts";
import { toCloudService } from "./map.ts";
import { deploymentReader } from "./deployment-reader.ts";

/**
 * The classic Service Management API as a Backend: targets are deployment slots of hosted services,
 * one instance per action call (the API has no batch call for role instances). Reads take the logger
 * of the request they serve (`log`), so their warnings carry its request id; without one they log
 * with the app's.
 */
export type ServiceManagementClient = Backend<CloudService> & SubscriptionDirectory;

const actionQuery: Record<Action, string> = {
  reboot: "comp=reboot",
  reimage: "comp=reimage",
  // allLocalDrives is the only value the API accepts.
  rebuild: "comp=rebuild&resources=allLocalDrives",
};

const seg = encodeURIComponent;

function classic(target: TargetRef): Extract<TargetRef, { kind: "classic" }> {
  if (target.kind !== "classic") throw new Error(`the classic backend was handed a ${target.kind} target`);
  return target;
}

function headerOf(res: { headers: IncomingHttpHeaders }, name: string): string | undefined {
  const v = res.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function failureOf(res: RawResponse): UpstreamError {
  const { code, message } = parseErrorBody(res.body);
  const after = retryAfterMs(headerOf(res, "retry-after"));
  const requestId = headerOf(res, "x-ms-request-id");
  return new UpstreamError({ kind: "http", status: res.status, code, message, requestId, retryAfterMs: after });
}

export function createServiceManagementClient(transport: Transport, upstream: Config["upstream"], appLog: Log): ServiceManagementClient {
  /** GET with the shared retry policy (upstream/retry.ts). */
  function get<T>(path: string, identity: UpstreamIdentity, log: Log, reader?: (headers: IncomingHttpHeaders) => BodyReader<T>): Promise<RawResponse<T>> {
    return retryingRead(
      async (timeoutMs) => {
        const res = await transport.send("GET", path, identity, reader, timeoutMs);
        return res.status >= 200 && res.status < 300 ? res : failureOf(res);
      },
      upstream,
      log,
      path,
    );
  }

  /**
   * GET and read the XML reply against `schema`: the body is parsed as it arrives and checked at
   * its end; malformed XML or an unexpected shape rejects with UpstreamError(malformed).
   */
  async function read<T>(path: string, identity: UpstreamIdentity, schema: z.ZodType<T>, what: string, log: Log = appLog): Promise<T> {
    const res = await get(path, identity, log, (headers) => xmlBodyReader(schema, what, headerOf({ headers }, "x-ms-request-id")));
    return res.read as T;
  }

  return {
    async listSubscriptions(identity, log) {
      const parsed = await read("/subscriptions", identity, listSubscriptionsReply, "List Subscriptions", log);
      return (parsed.Subscriptions?.Subscription ?? []).map((s) => ({ id: s.SubscriptionID.toLowerCase(), name: s.SubscriptionName || s.SubscriptionID }));
    },
    async getSubscription(sub, identity, log) {
      const s = (await read(`/${seg(sub)}`, identity, getSubscriptionReply, "Get Subscription", log)).Subscription;
      return { id: s.SubscriptionID.toLowerCase(), name: s.SubscriptionName || s.SubscriptionID };
    },
    kind: "classic",
    maxInstancesPerCall: 1,
    partition: identityKey,
    async listTargets(sub, identity, log) {
      const parsed = await read(`/${seg(sub)}/services/hostedservices`, identity, listHostedServicesReply, "List Hosted Services", log);
      const names = (parsed.HostedServices?.HostedService ?? []).map((s) => s.ServiceName);
      // One Get Hosted Service (embed-detail) per service, a few at a time to spare the upstream.
      return mapLimited(names, 6, async (service) => {
        const path = `/${seg(sub)}/services/hostedservices/${seg(service)}?embed-detail=true`;
        return toCloudService((await read(path, identity, getHostedServiceReply, "Get Hosted Service Properties", log)).HostedService);
      });
    },
    async readTarget(target, identity, log) {
      const { subscription, service, slot } = classic(target);
      const path = `/${seg(subscription)}/services/hostedservices/${seg(service)}/deploymentslots/${slotToWire(slot)}`;
      // Read into the target as the reply arrives (deployment-reader.ts): its instance list is nearly all of it.
      const res = await get(path, identity, log ?? appLog, (headers) => deploymentReader(headerOf({ headers }, "x-ms-request-id")));
      return res.read as TargetData;
    },
    async readOperation(target, { id }, identity, log) {
      const op = (await read(`/${seg(target.subscription)}/operations/${seg(id)}`, identity, operationReply, "Get Operation Status", log)).Operation;
      return { id, status: op.Status, httpStatusCode: op.HttpStatusCode, error: op.Error && { code: op.Error.Code, message: op.Error.Message } };
    },
    async startAction(target, action, instances, identity) {
      const { subscription, service, slot } = classic(target);
      // One instance per call, named: the API acts on exactly the instance in the path.
      const [instance] = instances;
      if (instances.length !== 1 || !instance) throw new Error(`classic actions name exactly one instance, got ${instances.length}`);
      // The routes refuse such names already (the pattern refuses dots alone); this is the last check
      // before Azure, so it fails closed.
      if (!instanceNamePattern.test(instance)) throw new Error(`refusing to send ${action}: ${JSON.stringify(instance)} is not an instance name`);
      const instancePath = `/${seg(subscription)}/services/hostedservices/${seg(service)}/deploymentslots/${slotToWire(slot)}/roleinstances/${seg(instance)}`;
      // The path goes out as written, but the server resolves it like a URL: a dot segment left in it
      // would make this one instance's action the deployment's. Only a path that resolves to itself is sent.
      const resolved = new URL(instancePath, "https://upstream.invalid").pathname;
      if (resolved !== instancePath) throw new Error(`refusing to send ${action}: its URL would resolve to ${resolved} instead of ${instancePath}`);
      const path = `${instancePath}?${actionQuery[action]}`;
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
      return { id: requestId };
    },
  };
}
