import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { auditOutcomeSchema, type AuditEntry, type AuditOutcome } from "../../shared/api.ts";
import { instanceNamePattern, serviceNamePattern, slots, subscriptionIdPattern } from "../../shared/names.ts";
import { parseTargetPath, targetPath } from "../../shared/targets.ts";
import { ProxyError } from "../errors.ts";
import { checkCanRead, readableSubscriptions } from "./access.ts";
import { actorOf, checkSubscriptionAllowed, type AppDeps } from "./context.ts";

// Empty values count as absent (a form may send `service=`).
const opt = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === "" ? undefined : v), schema.optional());

/**
 * `before` is an audit id, or a time. A time is parsed as a date (an impossible one such as
 * 2024-02-31 is refused) and normalised to the stored form (toISOString), so that the store's text
 * comparison orders it correctly whatever offset or precision the caller wrote.
 */
const before = z.string().transform((raw, ctx) => {
  if (/^\d{1,15}$/.test(raw)) return Number(raw);
  const ms = /^\d{4}-\d{2}-\d{2}T/.test(raw) ? Date.parse(raw) : Number.NaN;
  const date = new Date(ms);
  // Date.parse rolls 2024-02-31 over to March: the date part must survive the round trip.
  if (Number.isNaN(ms) || (/Z$/.test(raw) && date.toISOString().slice(0, 10) !== raw.slice(0, 10))) {
    ctx.addIssue({ code: "custom", message: "must be an audit entry id or an ISO time such as 2024-05-01T12:00:00Z" });
    return z.NEVER;
  }
  return date.toISOString();
});

/** A target's /api path, normalised (subscription lower-cased) as the store writes it. */
const target = z.string().transform((raw, ctx) => {
  const ref = parseTargetPath(raw);
  if (!ref) {
    ctx.addIssue({ code: "custom", message: "must be a target's path, such as /api/subscriptions/<id>/services/<service>/deployments/production" });
    return z.NEVER;
  }
  return targetPath({ ...ref, subscription: ref.subscription.toLowerCase() });
});

/** One outcome, or several comma-separated (`Failed,rejected,unknown`: what did not end well). */
const outcomes = z.string().transform((raw, ctx) => {
  const list = raw.split(",").map((v) => v.trim());
  const bad = list.filter((v) => !auditOutcomeSchema.safeParse(v).success);
  if (bad.length > 0) {
    ctx.addIssue({ code: "custom", message: `must be one or more of ${auditOutcomeSchema.options.join(", ")} (comma-separated, as written), not ${bad.map((v) => `"${v}"`).join(", ")}` });
    return z.NEVER;
  }
  return [...new Set(list)] as AuditOutcome[];
});

const auditQuery = z.strictObject({
  subscription: opt(z.string().regex(subscriptionIdPattern, "must be a subscription GUID").transform((v) => v.toLowerCase())),
  target: opt(target),
  // Shorthand for classic targets, kept from before targets had paths.
  service: opt(z.string().regex(serviceNamePattern, "must be a service name")),
  slot: opt(z.enum(slots, { error: 'must be "production" or "staging"' })),
  instance: opt(z.string().regex(instanceNamePattern, "must be an instance name")),
  // The whole name as the audit shows it, any case: "ada" does not find "Ada Lovelace".
  actor: opt(z.string().trim().min(1, "must name someone").max(200, "must be at most 200 characters")),
  outcome: opt(outcomes),
  before: opt(before),
  limit: opt(z.string().regex(/^\d+$/, "must be a whole number from 1 to 500").transform(Number).pipe(z.number().min(1, "must be a whole number from 1 to 500").max(500, "must be a whole number from 1 to 500"))),
});

function parseQuery(query: unknown) {
  const parsed = auditQuery.safeParse(query ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  if (issue?.code === "unrecognized_keys") {
    throw new ProxyError("InvalidQuery", `Unknown query parameter${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `"${k}"`).join(", ")}: use subscription, target, service, slot, instance, actor, outcome, limit or before.`);
  }
  const name = String(issue?.path[0] ?? "query");
  // A repeated parameter arrives as an array: say so rather than "expected string".
  const message = issue?.code === "invalid_type" ? "must be given once, as text" : (issue?.message ?? "is not valid");
  throw new ProxyError("InvalidQuery", `Query parameter "${name}" ${message}.`);
}

/**
 * GET /api/audit?target=&instance=&actor=&outcome=&limit=&before= (or subscription=, service=&slot=)
 * — newest first. `before` is the id of the last entry of the previous page (or an ISO time): entries
 * strictly older are returned. `actor` is a whole name in any case; `outcome` one or more outcomes.
 */
export function auditRoutes(app: FastifyInstance, deps: AppDeps): void {
  app.get("/api/audit", async (request): Promise<AuditEntry[]> => {
    actorOf(request);
    const q = parseQuery(request.query);
    if (q.target) {
      const sub = q.target.split("/")[3] ?? "";
      if (q.subscription && q.subscription !== sub) throw new ProxyError("InvalidQuery", `Query parameter "target" names subscription ${sub}, not ${q.subscription}.`);
      if (q.service || q.slot) throw new ProxyError("InvalidQuery", 'Give either "target" or "service" and "slot", not both.');
      q.subscription = sub;
    }
    // Only what the caller may see upstream (see access.ts): one subscription checked, or the list.
    let readable: string[] | undefined;
    if (q.subscription) {
      checkSubscriptionAllowed(deps, q.subscription);
      await checkCanRead(deps, request, q.subscription);
    } else {
      readable = await readableSubscriptions(deps, request);
    }
    // service/slot match classic targets by their path; the names are validated, so they carry no
    // LIKE wildcard ('%' or '_').
    const classic = q.service || q.slot ? `/api/subscriptions/${q.subscription ?? "%"}/services/${q.service ?? "%"}/deployments/${q.slot ?? "%"}` : undefined;
    const rows = await deps.store.audit.list({
      limit: q.limit ?? 50,
      subscription: q.subscription,
      subscriptions: readable,
      target: q.target,
      targetLike: classic,
      instance: q.instance,
      actor: q.actor,
      outcomes: q.outcome,
      before: q.before,
    });
    // The API shape only: internal columns (actor id, http status, finish time) stay in the store.
    return rows.map((r) => ({
      id: r.id,
      at: r.at,
      actor: r.actor,
      action: r.action,
      subscription: r.subscription,
      target: r.target,
      instances: r.instances,
      operationId: r.operationId,
      jobId: r.jobId,
      jobEvent: r.jobEvent,
      outcome: r.outcome,
      error: r.error,
      reason: r.reason,
    }));
  });
}
