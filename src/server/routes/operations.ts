import type { FastifyInstance } from "fastify";
import type { Operation } from "../../shared/api.ts";
import { ProxyError } from "../errors.ts";
import { listOperations, operationOfRecord } from "../operations/describe.ts";
import { toProxyError } from "../upstream/errors.ts";
import { checkCanRead } from "./access.ts";
import { actorOf, checkSubscriptionAllowed, identityOf, lendableIdentity, type AppDeps } from "./context.ts";
import { names } from "./params.ts";
import { intParam } from "./query.ts";

/** Operations Rolecall started: one by id (merged with Get Operation Status), or the recent ones. */
export function operationRoutes(app: FastifyInstance, deps: AppDeps): void {
  app.get("/api/subscriptions/:sub/operations/:operationId", async (request): Promise<Operation> => {
    actorOf(request);
    const { sub, operationId } = names(request.params, ["sub", "operationId"]);
    checkSubscriptionAllowed(deps, sub);
    await checkCanRead(deps, request, sub);
    const tracked = deps.tracker.find(operationId);
    if (tracked && tracked.target.subscription === sub) {
      if (tracked.operation.status === "InProgress") {
        const identity = identityOf(deps, request, tracked.target.kind);
        try {
          const result = await deps.reads.operation(identity, tracked.target, { id: operationId, handle: tracked.handle }, request.log);
          // The poller's identity stopped working (an expired token, or none after a restart): poll
          // on with one that just did, if it is an operator's (a reader's must not act for others).
          const lendable = lendableIdentity(deps, request, tracked.target.kind);
          if (tracked.failures && lendable) tracked.identity = lendable;
          await deps.tracker.apply(tracked, result);
        } catch (err) {
          throw toProxyError(err, `read the status of operation ${operationId}`);
        }
      }
      return tracked.operation;
    }
    // Followed by another replica, finished, or from before a restart: the store has what is known.
    const record = await deps.store.audit.byOperation(operationId);
    if (!record || record.subscription !== sub) {
      throw new ProxyError("UnknownOperation", `Rolecall has no record of operation ${operationId} in subscription ${sub}; it only knows operations started through Rolecall.`);
    }
    return operationOfRecord(record);
  });

  app.get("/api/subscriptions/:sub/operations", async (request): Promise<Operation[]> => {
    actorOf(request);
    const { sub } = names(request.params, ["sub"]);
    checkSubscriptionAllowed(deps, sub);
    await checkCanRead(deps, request, sub);
    const limit = intParam(request.query, "limit", 20, 1, 200);
    // The holds first: an action's hold ends only after its final outcome is audited, so one found
    // released here has that outcome in the rows read next (never a stale one in its place).
    const holds = await deps.store.holds.list(sub);
    const [withId, unknown] = await Promise.all([
      deps.store.audit.list({ subscription: sub, withOperation: true, limit }),
      deps.store.audit.list({ subscription: sub, outcomes: ["unknown"], limit }),
    ]);
    return listOperations({ withId, unknown }, holds, limit, (id) => deps.tracker.find(id)?.operation);
  });
}
