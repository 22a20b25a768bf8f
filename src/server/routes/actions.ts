import type { FastifyInstance } from "fastify";
import type { ActionAccepted } from "../../shared/domain.ts";
import { ApiError } from "../errors.ts";
import { startAction } from "../operations/actions.ts";
import { actorOf, checkSubscriptionAllowed, identityOf, type AppDeps } from "./context.ts";
import { names } from "./params.ts";

/** POST …/instances/{instance}/{reimage|reboot|rebuild}: one action, one instance. */
export function actionRoutes(app: FastifyInstance, deps: AppDeps): void {
  app.post(
    "/api/subscriptions/:sub/services/:svc/deployments/:slot/instances/:instance/:action",
    {
      config: {
        rateLimit: {
          max: deps.config.actionRateLimit,
          timeWindow: 60_000,
          // Runs after sign-in (preHandler), so the limit is per person, not per address.
          hook: "preHandler",
          keyGenerator: (request) => request.actor?.id ?? request.ip,
        },
      },
    },
    async (request, reply): Promise<ActionAccepted> => {
      const n = names(request.params, ["sub", "svc", "slot", "instance", "action"]);
      const body = request.body;
      if (body !== undefined && (typeof body !== "object" || body === null || Array.isArray(body) || Object.keys(body).length > 0)) {
        throw new ApiError(400, "InvalidBody", "Send an empty JSON object {} (or no body): the path says everything about the action.");
      }
      const actor = actorOf(request);
      // Before the audit record and the upstream call: a reader's attempt leaves no trace upstream.
      // The SPA shows the same sentence on the disabled buttons.
      if (!actor.roles.includes("operator")) {
        throw new ApiError(403, "NotAnOperator", `Your role is Reader; only Operators can ${n.action}.`);
      }
      checkSubscriptionAllowed(deps, n.sub);
      const result = await startAction(deps, {
        actor,
        identity: identityOf(deps, request),
        subscription: n.sub,
        service: n.svc,
        slot: n.slot,
        instance: n.instance,
        action: n.action,
      });
      request.log.info({ operationId: result.operationId, action: n.action, instance: n.instance, service: n.svc, slot: n.slot }, "action accepted");
      return reply.code(202).send(result);
    },
  );
}
