import type { FastifyInstance } from "fastify";
import type { AuditEntry } from "../../shared/domain.ts";
import { instanceNamePattern, serviceNamePattern, subscriptionIdPattern, type Slot } from "../../shared/names.ts";
import { intParam, stringParam } from "./query.ts";
import type { AppDeps } from "./context.ts";

const isoTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/**
 * GET /api/audit?subscription=&service=&slot=&instance=&limit=&before= — newest first. `before` is
 * the id of the last entry of the previous page (or an ISO time): entries strictly older are returned.
 */
export function auditRoutes(app: FastifyInstance, deps: AppDeps): void {
  app.get("/api/audit", (request): AuditEntry[] => {
    const q = request.query;
    const subscription = stringParam(q, "subscription", subscriptionIdPattern, "a subscription GUID")?.toLowerCase();
    const service = stringParam(q, "service", serviceNamePattern, "a service name");
    const slot = stringParam(q, "slot", /^(production|staging)$/, '"production" or "staging"') as Slot | undefined;
    const instance = stringParam(q, "instance", instanceNamePattern, "an instance name");
    const beforeRaw = stringParam(q, "before", /^(\d{1,15}|\d{4}-\d{2}-\d{2}T[\d:.]+Z)$/, "an audit entry id or an ISO time");
    if (beforeRaw && beforeRaw.includes("T") && !isoTime.test(beforeRaw)) stringParam(q, "before", isoTime, "an audit entry id or an ISO time");
    const before = beforeRaw === undefined ? undefined : /^\d+$/.test(beforeRaw) ? Number(beforeRaw) : beforeRaw;
    const limit = intParam(q, "limit", 50, 1, 500);
    const rows = deps.audit.list({
      limit,
      ...(subscription ? { subscription } : {}),
      ...(service ? { service } : {}),
      ...(slot ? { slot } : {}),
      ...(instance ? { instance } : {}),
      ...(before !== undefined ? { before } : {}),
    });
    // The API shape only: internal columns (actor id, http status, finish time) stay in the store.
    return rows.map((r) => ({
      id: r.id,
      at: r.at,
      actor: r.actor,
      action: r.action,
      subscription: r.subscription,
      service: r.service,
      slot: r.slot,
      instances: r.instances,
      operationId: r.operationId,
      outcome: r.outcome,
      ...(r.error ? { error: r.error } : {}),
    }));
  });
}
