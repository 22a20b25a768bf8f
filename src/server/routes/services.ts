import type { FastifyInstance } from "fastify";
import type { CloudService, Deployment } from "../../shared/domain.ts";
import { toApiError } from "../upstream/errors.ts";
import type { DeploymentData } from "../upstream/map.ts";
import { checkSubscriptionAllowed, identityOf, lendableIdentity, type AppDeps } from "./context.ts";
import { names } from "./params.ts";

// Kept as UTF-8 bytes, not a string: Fastify would otherwise measure (Buffer.byteLength) and then
// encode the whole reply on every send, each a pass over a string of hundreds of KB.
const serialisedDeployments = new WeakMap<DeploymentData, Buffer>();
/** `value` as JSON without its opening brace: `"name":…}`, for the per-request head to prefix. */
function serialisedTail(value: DeploymentData): Buffer {
  let json = serialisedDeployments.get(value);
  if (json === undefined) {
    // Encode the whole string, then drop the "{" byte: encoding a sliced string is several times slower.
    json = Buffer.from(JSON.stringify(value), "utf8").subarray(1);
    serialisedDeployments.set(value, json);
  }
  return json;
}

/** Cloud services of a subscription, and one deployment with its instances. */
export function serviceRoutes(app: FastifyInstance, deps: AppDeps): void {
  app.get("/api/subscriptions/:sub/services", async (request): Promise<CloudService[]> => {
    const { sub } = names(request.params, ["sub"]);
    checkSubscriptionAllowed(deps, sub);
    try {
      return await deps.reads.services(identityOf(deps, request), sub, request.log);
    } catch (err) {
      throw toApiError(err, `list the cloud services of subscription ${sub}`);
    }
  });

  app.get("/api/subscriptions/:sub/services/:svc/deployments/:slot", async (request, reply) => {
    const { sub, svc, slot } = names(request.params, ["sub", "svc", "slot"]);
    checkSubscriptionAllowed(deps, sub);
    let read: { value: DeploymentData; fetchedAt: number };
    try {
      read = await deps.reads.deployment(identityOf(deps, request), sub, svc, slot, request.log);
    } catch (err) {
      throw toApiError(err, `read the ${slot} deployment of ${svc}`);
    }
    // An operator watching the deployment keeps its in-flight operation checkable when the poller's
    // own identity is refused (an expired token, or none after a restart in passthrough mode).
    const lendable = lendableIdentity(deps, request);
    if (lendable) deps.tracker.lend(sub, svc, slot, lendable);
    // The instance list (up to thousands) is serialised once per upstream fetch and shared by every
    // viewer served from the cache; only the small per-request fields are added here.
    const head: Pick<Deployment, "fetchedAt" | "inFlight"> = {
      fetchedAt: new Date(read.fetchedAt).toISOString(),
      inFlight: deps.tracker.inFlight(sub, svc, slot),
    };
    const body = Buffer.concat([Buffer.from(`${JSON.stringify(head).slice(0, -1)},`, "utf8"), serialisedTail(read.value)]);
    return reply.type("application/json; charset=utf-8").send(body);
  });
}
