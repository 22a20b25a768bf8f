import type { FastifyInstance } from "fastify";
import type { Deployment } from "../../shared/api.ts";
import { targetLabel } from "../../shared/targets.ts";
import type { TargetData } from "../backends/types.ts";
import { toProxyError } from "../upstream/errors.ts";
import { checkSubscriptionAllowed, identityOf, lendableIdentity, type AppDeps } from "./context.ts";
import { names } from "./params.ts";
import { configuredTargets, targetOf } from "./targets.ts";

// Kept as UTF-8 bytes, not a string: Fastify would otherwise measure (Buffer.byteLength) and then
// encode the whole reply on every send, each a pass over a string of hundreds of KB.
const serialisedTargets = new WeakMap<TargetData, Buffer>();
/** `value` as JSON without its opening brace: `"name":…}`, for the per-request head to prefix. */
function serialisedTail(value: TargetData): Buffer {
  let json = serialisedTargets.get(value);
  if (json === undefined) {
    // Encode the whole string, then drop the "{" byte: encoding a sliced string is several times slower.
    json = Buffer.from(JSON.stringify(value), "utf8").subarray(1);
    serialisedTargets.set(value, json);
  }
  return json;
}

/** The targets of a subscription, and one target with its instances, for each configured kind. */
export function serviceRoutes(app: FastifyInstance, deps: AppDeps): void {
  for (const { route, backend } of configuredTargets(deps.backends)) {
    app.get(route.list, async (request): Promise<unknown[]> => {
      const { sub } = names(request.params, ["sub"]);
      checkSubscriptionAllowed(deps, sub);
      try {
        return await deps.reads.targets(backend, identityOf(deps, request, backend.kind), sub, request.log);
      } catch (err) {
        throw toProxyError(err, `list the ${route.plural} of subscription ${sub}`);
      }
    });

    app.get(route.path, async (request, reply) => {
      const target = targetOf(route, request);
      checkSubscriptionAllowed(deps, target.subscription);
      let read: { value: TargetData; fetchedAt: number };
      try {
        read = await deps.reads.target(identityOf(deps, request, target.kind), target, request.log);
      } catch (err) {
        throw toProxyError(err, `read ${targetLabel(target)}`);
      }
      // An operator watching the target keeps its in-flight operation checkable when the poller's
      // own identity is refused (an expired token, or none after a restart in passthrough mode).
      const lendable = lendableIdentity(deps, request, target.kind);
      if (lendable) deps.tracker.lend(target, lendable);
      // The instance list (up to thousands) is serialised once per upstream fetch and shared by every
      // viewer served from the cache; only the small per-request fields are added here.
      const head: Pick<Deployment, "fetchedAt" | "inFlight"> = {
        fetchedAt: new Date(read.fetchedAt).toISOString(),
        inFlight: deps.tracker.inFlight(target),
      };
      const body = Buffer.concat([Buffer.from(`${JSON.stringify(head).slice(0, -1)},`, "utf8"), serialisedTail(read.value)]);
      return reply.type("application/json; charset=utf-8").send(body);
    });
  }
}
