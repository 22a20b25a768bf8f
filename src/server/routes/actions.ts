import type { FastifyInstance } from "fastify";
import type { ActionAccepted } from "../../shared/api.ts";
import { targetPath } from "../../shared/targets.ts";
import { ProxyError } from "../errors.ts";
import { startAction } from "../operations/actions.ts";
import { checkChosenInstance } from "../operations/protected.ts";
import { actorOf, checkSubscriptionAllowed, identityOf, type AppDeps } from "./context.ts";
import { names } from "./params.ts";
import { configuredTargets, targetOf } from "./targets.ts";

/** POST {T}/instances/{instance}/{reimage|reboot|rebuild}: one action, one instance. */
export function actionRoutes(app: FastifyInstance, deps: AppDeps): void {
  for (const { route } of configuredTargets(deps.backends)) {
    app.post(
      `${route.path}/instances/:instance/:action`,
      {
        config: {
          rateLimit: {
            max: deps.config.actionRateLimit,
            timeWindow: 60_000,
            // One count per person for every kind of target (the store's key: actions across replicas).
            groupId: "actions",
            // Runs after sign-in (preHandler), so the limit is per person, not per address.
            hook: "preHandler",
            keyGenerator: (request) => request.actor?.id ?? request.ip,
          },
        },
      },
      async (request, reply): Promise<ActionAccepted> => {
        const target = targetOf(route, request);
        const n = names(request.params, ["instance", "action"]);
        const body = request.body;
        if (body !== undefined && (typeof body !== "object" || body === null || Array.isArray(body) || Object.keys(body).length > 0)) {
          throw new ProxyError("InvalidBody", "Send an empty JSON object {} (or no body): the path says everything about the action.");
        }
        const actor = actorOf(request);
        // Before the audit record and the upstream call: a reader's attempt leaves no trace upstream.
        // The SPA shows the same sentence on the disabled buttons.
        if (!actor.roles.includes("operator")) {
          throw new ProxyError("NotAnOperator", `Your role is Reader; only Operators can ${n.action}.`);
        }
        checkSubscriptionAllowed(deps, target.subscription);
        const identity = identityOf(deps, request, target.kind);
        await checkChosenInstance(deps, identity, target, n.instance, n.action, request.log);
        const result = await startAction(deps, { actor, identity, target, instances: [n.instance], action: n.action });
        request.log.info({ operationId: result.operationId, action: n.action, instance: n.instance, target: targetPath(target) }, "action accepted");
        return reply.code(202).send(result);
      },
    );
  }
}
