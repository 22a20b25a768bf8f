import type { FastifyInstance, FastifyRequest } from "fastify";
import { jobRequestSchema, type Job } from "../../shared/api.ts";
import { parseTargetPath, targetPath } from "../../shared/targets.ts";
import { ProxyError } from "../errors.ts";
import { jobView } from "../jobs/runner.ts";
import { checkCanRead } from "./access.ts";
import { actorOf, checkSubscriptionAllowed, identityOf, type AppDeps } from "./context.ts";
import { names } from "./params.ts";
import { intParam } from "./query.ts";
import { configuredTargets, targetOf } from "./targets.ts";

const jobStates = ["running", "paused", "succeeded", "failed", "cancelled"] as const;

function operator(request: FastifyRequest, what: string) {
  const actor = actorOf(request);
  // Before anything is read or written: a reader's attempt leaves no trace upstream.
  if (!actor.roles.includes("operator")) throw new ProxyError("NotAnOperator", `Your role is Reader; only Operators can ${what}.`);
  return actor;
}

/** POST {T}/jobs, the jobs of a subscription, one job, and pause/resume/cancel (DESIGN.md §3). */
export function jobRoutes(app: FastifyInstance, deps: AppDeps): void {
  const rateLimit = {
    max: deps.config.actionRateLimit,
    timeWindow: 60_000,
    groupId: "jobs",
    hook: "preHandler" as const,
    keyGenerator: (request: FastifyRequest) => request.actor?.id ?? request.ip,
  };

  for (const { route } of configuredTargets(deps.backends)) {
    app.post(`${route.path}/jobs`, { config: { rateLimit } }, async (request, reply): Promise<Job> => {
      const target = targetOf(route, request);
      const parsed = jobRequestSchema.safeParse(request.body ?? {});
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new ProxyError("InvalidBody", `The job is not valid: ${issue?.path.join(".") || "body"} ${issue?.message ?? "is not valid"}.`);
      }
      const actor = operator(request, `run a ${parsed.data.action} job`);
      checkSubscriptionAllowed(deps, target.subscription);
      const job = await deps.jobs.start(actor, identityOf(deps, request, target.kind), target, parsed.data);
      return reply.code(202).send(job);
    });
  }

  app.get("/api/subscriptions/:sub/jobs", async (request): Promise<Job[]> => {
    actorOf(request);
    const { sub } = names(request.params, ["sub"]);
    checkSubscriptionAllowed(deps, sub);
    await checkCanRead(deps, request, sub);
    const query = (request.query ?? {}) as Record<string, unknown>;
    const state = query.state;
    if (state !== undefined && !jobStates.includes(state as (typeof jobStates)[number])) {
      throw new ProxyError("InvalidQuery", `Query parameter "state" must be one of ${jobStates.join(", ")}.`);
    }
    const target = typeof query.target === "string" ? parseTargetPath(query.target) : undefined;
    if (query.target !== undefined && target?.subscription.toLowerCase() !== sub.toLowerCase()) {
      throw new ProxyError("InvalidQuery", `Query parameter "target" must be the /api path of a target in subscription ${sub}, such as ${targetPath({ kind: "classic", subscription: sub, service: "my-service", slot: "production" })}.`);
    }
    const limit = intParam(request.query, "limit", 20, 1, 200);
    const states = state === undefined ? undefined : [state as Job["state"]];
    return (await deps.store.jobs.list({ subscription: sub, target: target && targetPath(target), states, limit })).map(jobView);
  });

  app.get("/api/subscriptions/:sub/jobs/:jobId", async (request): Promise<Job> => {
    actorOf(request);
    const { sub, jobId } = names(request.params, ["sub", "jobId"]);
    checkSubscriptionAllowed(deps, sub);
    await checkCanRead(deps, request, sub);
    const job = await deps.jobs.get(jobId);
    if (!job || job.subscription !== sub) throw new ProxyError("UnknownJob", `Rolecall has no job ${jobId} in subscription ${sub}.`);
    return jobView(job);
  });

  app.post("/api/subscriptions/:sub/jobs/:jobId/:what", async (request): Promise<Job> => {
    const { sub, jobId } = names(request.params, ["sub", "jobId"]);
    const what = (request.params as { what?: string }).what;
    if (what !== "pause" && what !== "resume" && what !== "cancel") throw new ProxyError("NotFound", `There is no job action "${what ?? ""}": use pause, resume or cancel.`);
    const actor = operator(request, `${what} a job`);
    checkSubscriptionAllowed(deps, sub);
    // Pausing or cancelling sends nothing to Azure, so Azure would never refuse someone without access:
    // it is asked. Yet stopping a job must work while Azure is down or throttling: then only a refusal
    // (401/403) stops it. Resume sends to Azure, so it waits for an answer.
    await checkCanRead(deps, request, sub).catch((err: unknown) => {
      const unanswered = err instanceof ProxyError && (err.status >= 500 || err.code === "UpstreamThrottled");
      if (what === "resume" || !unanswered) throw err;
      request.log.warn({ jobId, what, code: err.code }, "Azure did not answer the access check; the job is stopped all the same");
    });
    const job = await deps.jobs.get(jobId);
    if (!job || job.subscription !== sub) throw new ProxyError("UnknownJob", `Rolecall has no job ${jobId} in subscription ${sub}.`);
    return await deps.jobs.control(jobId, what, actor, identityOf(deps, request, job.kind));
  });
}
