import { randomUUID } from "node:crypto";
import type { Job, JobEventKind, JobRequest } from "../../shared/api.ts";
import { jobListProblems, planJob } from "../../shared/jobs.ts";
import { parseTargetPath, targetLabel, targetPath, type TargetRef } from "../../shared/targets.ts";
import type { AuditStore } from "../audit/store.ts";
import type { Actor } from "../auth/types.ts";
import { backendFor, type Backends } from "../backends/types.ts";
import { ProxyError } from "../errors.ts";
import { describeBlocking, plainReason } from "../operations/describe.ts";
import { refuseProtected } from "../operations/protected.ts";
import type { Log, OperationTracker, TrackedOperation } from "../operations/tracker.ts";
import { toProxyError } from "../upstream/errors.ts";
import type { UpstreamIdentity } from "../upstream/identity.ts";
import { inFlight, StepDriver } from "./steps.ts";
import type { JobStore, StoredJob, StoredStep } from "./store.ts";

const isDone = (s: StoredStep) => s.state === "succeeded" || s.state === "failed" || s.state === "skipped";
const nowIso = () => new Date().toISOString();
/** Who the audit names when the runner itself pauses a job (a failed step, a lost token). */
const ROLECALL: Pick<Actor, "name" | "id"> = { name: "Rolecall", id: "rolecall" };

/** The job as /api shows it: the stored job without the runner's own bookkeeping. */
export function jobView(job: StoredJob): Job {
  const { subscription: _s, requestedById: _r, actingAs: _a, steps, ...rest } = job;
  return { ...rest, steps: steps.map(({ operations: _o, sending: _p, waitingSince: _w, soakUntil: _u, ...step }) => step) };
}

/**
 * Runs rolling jobs (DESIGN.md §4): one step at a time, each only when the floor holds, its action
 * sent once (one batch call where the upstream has one, else one operation at a time), then a health
 * gate before the next. Every state change is in the store before the next upstream call, so a
 * restart goes on where it was and never sends an action twice: a send whose outcome is unknown
 * pauses the job instead.
 */
export class JobRunner {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly holds = new Map<string, TrackedOperation>();
  /** Who each job acts as (tokens live only in memory; after a restart, the proxy's own identity). */
  private readonly identities = new Map<string, UpstreamIdentity>();
  /**
   * Everything that reads and writes a job (its ticks, pause/resume/cancel) runs in this per-job
   * queue, one at a time, each on the job as the store has it: a pause can never be overwritten by
   * a tick that read the job before it, and no two ticks of one job ever send.
   */
  private readonly queues = new Map<string, Promise<unknown>>();
  private closed = false;
  private readonly steps: StepDriver;

  constructor(
    private readonly deps: {
      backends: Backends;
      audit: AuditStore;
      jobs: JobStore;
      tracker: OperationTracker;
      pollMs: number;
      restartIdentity: UpstreamIdentity;
      log: Log;
    },
  ) {
    this.steps = new StepDriver(deps, { pause: (job, reason) => this.pause(job, reason) });
  }

  /** Starts a job over `target`; throws a ProxyError (400 or 409) when it cannot. */
  async start(actor: Actor, identity: UpstreamIdentity, target: TargetRef, request: JobRequest): Promise<Job> {
    const backend = backendFor(this.deps.backends, target.kind);
    // Planned on fresh statuses: the plan and the floor are about the instances as they are now.
    let data;
    try {
      data = await backend.readTarget(target, identity);
    } catch (err) {
      throw toProxyError(err, `read ${targetLabel(target)}`);
    }
    const problems = jobListProblems(data.instances, request.instances);
    if (problems.length > 0) throw new ProxyError("InvalidBody", problems.join(" "));
    refuseProtected(data.instances, request.instances, request.action);
    const path = targetPath(target);
    const requestedAt = nowIso();
    const job: StoredJob = {
      id: randomUUID().replace(/-/g, ""),
      subscription: target.subscription,
      target: path,
      kind: target.kind,
      action: request.action,
      state: "running",
      reason: request.reason || undefined,
      batch: request.batch,
      minReadyPercent: request.minReadyPercent,
      readyTimeoutSec: request.readyTimeoutSec,
      soakSec: request.soakSec,
      steps: planJob(data.instances, request.instances, request.batch).map((s) => ({ ...s, state: "pending", operationIds: [], operations: [] })),
      requestedBy: actor.name,
      requestedById: actor.id,
      requestedAt,
      events: [],
    };
    const same = this.sameJobHolding(target, job);
    if (same) return jobView(same);
    this.hold(job); // throws 409 naming the holder; nothing stored then
    try {
      this.deps.jobs.insert(job);
    } catch (err) {
      this.release(job.id);
      throw err;
    }
    this.record(job, "started", actor);
    this.identities.set(job.id, identity);
    this.deps.log.info({ jobId: job.id, target: path, steps: job.steps.length }, "job started");
    this.schedule(job.id, 0);
    return jobView(job);
  }

  /** After a restart: jobs that were running go on (with the proxy's own identity), paused ones wait. */
  resume(): void {
    for (const job of this.deps.jobs.open()) {
      this.identities.set(job.id, this.deps.restartIdentity);
      // Paused and cancelled jobs are followed too while something they sent is still running.
      try {
        this.hold(job);
      } catch {
        if (job.state === "running") this.pause(job, "When Rolecall restarted, another action held the target. Resume the job once it is free.");
      }
      this.schedule(job.id, 0);
    }
  }

  get(id: string): StoredJob | undefined {
    return this.deps.jobs.get(id);
  }

  /** Pause or cancel take effect at once: what was sent runs to its end, nothing new is sent. */
  control(id: string, what: "pause" | "resume" | "cancel", actor: Actor, identity: UpstreamIdentity): Promise<Job> {
    return this.queue(id, () => this.controlNow(id, what, actor, identity));
  }

  private controlNow(id: string, what: "pause" | "resume" | "cancel", actor: Actor, identity: UpstreamIdentity): Job {
    const job = this.deps.jobs.get(id);
    if (!job) throw new ProxyError("UnknownJob", `Rolecall has no job ${id}.`);
    if (job.state === "succeeded" || job.state === "failed" || job.state === "cancelled") {
      throw new ProxyError("JobFinished", `Job ${id} has ended (${job.state}); it cannot be changed.`);
    }
    if (what === "pause") {
      if (job.state === "running") this.pause(job, `Paused by ${actor.name}.`, actor);
    } else if (what === "cancel") {
      job.state = "cancelled";
      job.finishedAt = nowIso();
      job.pausedReason = `Cancelled by ${actor.name}.`;
      job.waitingFor = undefined;
      this.settleHold(job);
      this.record(job, "cancelled", actor);
      // Operations already sent are still followed to their end, for the audit.
      this.schedule(job.id, this.deps.pollMs);
    } else if (job.state === "paused") {
      if (!this.holds.has(job.id)) this.hold(job);
      // Whoever resumes takes the job over: their identity acts from now on, and the audit names them.
      this.identities.set(job.id, identity);
      job.actingAs = { name: actor.name, id: actor.id };
      job.state = "running";
      job.pausedReason = undefined;
      for (const step of job.steps) {
        // A failed step is tried again, for the instances that did not already succeed (its failed
        // operations stay in operationIds, for the record).
        if (step.state === "failed") {
          Object.assign(step, { state: "pending", error: undefined, waitingSince: undefined, finishedAt: undefined });
          step.operations = step.operations.filter((o) => o.status !== "Failed");
        }
        // A send whose outcome is unknown is never sent again: resuming goes on to check that
        // those instances are ready (the pause reason said so).
        if (step.sending) {
          step.operations.push({ id: "", auditId: step.sending.auditId, instances: step.sending.instances, status: "Unknown" });
          delete step.sending;
        }
        else if (step.state === "waiting" || step.state === "verifying") step.waitingSince = undefined;
      }
      this.record(job, "resumed", actor);
      this.schedule(job.id, 0);
    }
    this.deps.log.info({ jobId: id, what, by: actor.name }, "job control");
    return jobView(job);
  }

  /**
   * A double click or a retry of the same job (same person, action and instances) while it holds
   * the target gets that job back rather than a 409 about itself.
   */
  private sameJobHolding(target: TargetRef, job: StoredJob): StoredJob | undefined {
    const holder = this.deps.tracker.holder(target);
    const running = holder?.jobId ? this.deps.jobs.get(holder.jobId) : undefined;
    const names = (j: StoredJob) => j.steps.flatMap((s) => s.instances).map((n) => n.toLowerCase()).sort().join(",");
    return running && running.requestedById === job.requestedById && running.action === job.action && names(running) === names(job) ? running : undefined;
  }

  private hold(job: StoredJob): void {
    const target = parseTargetPath(job.target);
    if (!target) throw new Error(`job ${job.id} names no target Rolecall knows`);
    const hold: TrackedOperation = {
      auditId: -1,
      target,
      jobId: job.id,
      identity: this.deps.restartIdentity,
      operation: { id: "", status: "InProgress", action: job.action, instances: job.steps.flatMap((s) => s.instances), requestedBy: job.requestedBy, requestedAt: job.requestedAt, target: job.target },
    };
    const holder = this.deps.tracker.acquire(hold);
    if (holder) {
      const message = holder.jobId
        ? `Another rolling job (${holder.jobId}) holds this target: ${holder.operation.requestedBy} started a ${holder.operation.action} of ${holder.operation.instances.length} instance(s) at ${holder.operation.requestedAt}. Wait for it, or pause or cancel it.`
        : describeBlocking(holder);
      throw new ProxyError("DeploymentBusy", message, { blocking: { ...holder.operation, jobId: holder.jobId } });
    }
    this.holds.set(job.id, hold);
  }

  private release(jobId: string): void {
    const hold = this.holds.get(jobId);
    if (hold) this.deps.tracker.release(hold);
    this.holds.delete(jobId);
  }

  /** `by`: the person who paused it; without, Rolecall paused it and the audit keeps the reason. */
  private pause(job: StoredJob, reason: string, by?: Actor): void {
    job.state = "paused";
    job.pausedReason = reason;
    job.waitingFor = undefined;
    this.settleHold(job);
    this.record(job, "paused", by ?? ROLECALL, by ? undefined : reason);
    this.deps.log.warn({ jobId: job.id, reason }, "job paused");
  }

  /**
   * Saves the job with the event in its history, then writes the event to the audit. The job is
   * saved first: the runner acts on the job's saved state, so an audit row must never announce a
   * state the job does not have.
   */
  private record(job: StoredJob, what: JobEventKind, actor: Pick<Actor, "name" | "id">, reason?: string): void {
    const at = nowIso();
    (job.events ??= []).push({ at, actor: actor.name, what });
    this.deps.jobs.save(job);
    this.deps.audit.insertJobEvent({
      at,
      actor: actor.name,
      actorId: actor.id,
      action: job.action,
      subscription: job.subscription,
      target: job.target,
      instances: job.steps.flatMap((s) => s.instances),
      jobId: job.id,
      jobEvent: what,
      outcome: what === "succeeded" ? "Succeeded" : "accepted",
      error: reason ? { code: "JobPaused", message: reason } : undefined,
    });
  }

  /**
   * A job that is not running frees its target, but only once nothing it sent is still running:
   * until then a person's action would meet Azure's own 409 (or worse, overlap).
   */
  private settleHold(job: StoredJob): void {
    if (job.state !== "running" && !job.steps.some((s) => inFlight(s).length > 0)) this.release(job.id);
  }

  private queue<T>(id: string, fn: () => Promise<T> | T): Promise<T> {
    const run = (this.queues.get(id) ?? Promise.resolve()).then(fn, fn);
    this.queues.set(id, run.catch(() => undefined));
    return run;
  }

  private schedule(id: string, delayMs: number): void {
    if (this.closed) return;
    const previous = this.timers.get(id);
    if (previous) clearTimeout(previous);
    const timer = setTimeout(() => void this.tick(id), delayMs);
    timer.unref();
    this.timers.set(id, timer);
  }

  private tick(id: string): Promise<void> {
    this.timers.delete(id);
    return this.queue(id, async () => {
      const job = this.deps.jobs.get(id);
      if (!job) return;
      try {
        const again = await this.advance(job);
        if (again !== undefined) this.schedule(id, again);
      } catch (err) {
        this.deps.log.error({ jobId: id, err: err instanceof Error ? err.message : String(err) }, "job step failed unexpectedly");
        if (job.state === "running") this.pause(job, `Rolecall hit an internal error (${plainReason(err)}); check the target, then resume.`);
      }
    });
  }

  /** One step of progress; resolves with when to look again, or undefined when there is nothing to do. */
  private async advance(job: StoredJob): Promise<number | undefined> {
    const target = parseTargetPath(job.target);
    if (!target) return undefined;
    const identity = this.identities.get(job.id) ?? this.deps.restartIdentity;
    // Operations already sent are followed whatever the job's state.
    for (const step of job.steps) if (inFlight(step).length > 0) await this.steps.follow(job, step, target, identity);
    if (job.state !== "running") {
      this.settleHold(job);
      return job.steps.some((s) => inFlight(s).length > 0) ? this.deps.pollMs : undefined;
    }

    const step = job.steps.find((s) => !isDone(s));
    if (!step) {
      job.state = "succeeded";
      job.finishedAt = nowIso();
      job.waitingFor = undefined;
      this.release(job.id);
      this.record(job, "succeeded", ROLECALL);
      this.deps.log.info({ jobId: job.id }, "job succeeded");
      return undefined;
    }
    if (step.sending) {
      // Rolecall stopped between writing the send down and saving its answer. If Azure's operation
      // id reached the audit, follow that operation; else the outcome is unknown: pause.
      const record = this.deps.audit.get(step.sending.auditId);
      if (record?.operationId) {
        step.operations.push({ id: record.operationId, handle: record.operationHandle, auditId: record.id, instances: step.sending.instances, status: "InProgress" });
        step.operationIds.push(record.operationId);
        delete step.sending;
        this.deps.jobs.save(job);
        return 0;
      }
      this.pause(job, `Rolecall stopped while sending the ${job.action} of ${step.sending.instances.join(", ")}; whether Azure got it is unknown. Check those instances: resuming will not send it again, it goes on by checking they are ready.`);
      return undefined;
    }
    const previous = job.steps[step.index - 1];
    if (previous?.soakUntil && Date.parse(previous.soakUntil) > Date.now()) {
      job.waitingFor = `Soaking after step ${previous.index + 1} until ${previous.soakUntil}.`;
      this.deps.jobs.save(job);
      return Math.min(this.deps.pollMs, Date.parse(previous.soakUntil) - Date.now());
    }
    if (step.state === "pending" || step.state === "waiting") return this.steps.gate(job, step, target, identity);
    if (step.state === "running") return this.steps.send(job, step, target, identity);
    return this.steps.verify(job, step, target, identity);
  }

  close(): void {
    this.closed = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}
