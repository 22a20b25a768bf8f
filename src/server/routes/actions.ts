import type { FastifyInstance } from "fastify";
import { actionRequestSchema, type ActionAccepted } from "../../shared/api.ts";
import { targetPath } from "../../shared/targets.ts";
import { ProxyError } from "../errors.ts";
import { startAction } from "../operations/actions.ts";
import { checkChosenInstance } from "../operations/protected.ts";
import { actorOf, checkSubscriptionAllowed, identityOf, type AppDeps } from "./context.ts";
import { names } from "./params.ts";
import { configuredTargets, targetOf } from "./targets.ts";

/**
 * The action's body: none (an empty application/json body reads as {}), {}, or `{ reason }`. The
 * path says everything else, so any other field is refused rather than ignored: a caller who sends
 * `instances` or `force` must learn that it did nothing.
 */
function actionBody(body: unknown): { reason?: string | undefined } {
  if (body === undefined) return {};
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new ProxyError("InvalidBody", 'Send a JSON object: {} (or no body), or { "reason": "…" }. The path says everything else about the action.');
  }
  const parsed = actionRequestSchema.safeParse(body);
  if (parsed.success) return { reason: parsed.data.reason || undefined };
  const issue = parsed.error.issues[0];
  if (issue?.code === "unrecognized_keys") {
    const keys = issue.keys.map((k) => `"${k}"`).join(", ");
    throw new ProxyError("InvalidBody", `Unknown field${issue.keys.length > 1 ? "s" : ""} ${keys} in the action's body: it may carry only "reason"; the path says everything else about the action.`);
  }
  throw new ProxyError("InvalidBody", `The action's "reason" ${issue?.message ?? "is not valid"}.`);
}

/** POST {T}/instances/{instance}/{reimage|reboot|rebuild}: one action, one instance, and why. */
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
        const { reason } = actionBody(request.body);
        const actor = actorOf(request);
        // Before the audit record and the upstream call: a reader's attempt leaves no trace upstream.
        // The SPA shows the same sentence on the disabled buttons.
        if (!actor.roles.includes("operator")) {
          throw new ProxyError("NotAnOperator", `Your role is Reader; only Operators can ${n.action}.`);
        }
        checkSubscriptionAllowed(deps, target.subscription);
        const identity = identityOf(deps, request, target.kind);
        await checkChosenInstance(deps, identity, target, n.instance, n.action, request.log);
        const result = await startAction(deps, { actor, identity, target, instances: [n.instance], action: n.action, reason });
        request.log.info({ operationId: result.operationId, action: n.action, instance: n.instance, target: targetPath(target) }, "action accepted");
        return reply.code(202).send(result);
      },
    );
  }
}
