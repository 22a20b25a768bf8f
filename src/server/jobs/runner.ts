import { randomUUID } from "node:crypto";
import type { Job, JobRequest } from "../../shared/api.ts";
import { guardStep, jobListProblems, planJob } from "../../shared/jobs.ts";
import { parseTargetPath, targetLabel, targetPath, type TargetRef } from "../../shared/targets.ts";
import type { AuditStore } from "../audit/store.ts";
import type { Actor } from "../auth/types.ts";
import { backendFor, type Backends, type TargetData } from "../backends/types.ts";
import { ProxyError } from "../errors.ts";
import { describeBlocking, plainReason } from "../operations/describe.ts";
import type { Log, OperationTracker, TrackedOperation } from "../operations/tracker.ts";
import { toProxyError, UpstreamError } from "../upstream/errors.ts";
import type { UpstreamIdentity } from "../upstream/identity.ts";
import type { JobStore, StoredJob, StoredStep } from "./store.ts";

/** Status reads of one operation that may fail in a row before its outcome counts as unknown. */
const MAX_READ_FAILURES = 10;

const isDone = (s: StoredStep) => s.state === "succeeded" || s.state === "failed" || s.state === "skipped";
const inFlight = (s: StoredStep) => s.operations.filter((o) => o.status === "InProgress");
const nowIso = () => new Date().toISOString();

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
  ) {}

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
      events: [{ at: requestedAt, actor: actor.name, what: "started" }],
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
    const before = job.state;
    if (what === "pause") {
      if (job.state === "running") this.pause(job, `Paused by ${actor.name}.`);
    } else if (what === "cancel") {
      job.state = "cancelled";
      job.finishedAt = nowIso();
      job.pausedReason = `Cancelled by ${actor.name}.`;
      job.waitingFor = undefined;
      this.settleHold(job);
      this.deps.jobs.save(job);
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
      this.deps.jobs.save(job);
      this.schedule(job.id, 0);
    }
    if (job.state !== before) {
      (job.events ??= []).push({ at: nowIso(), actor: actor.name, what: what === "pause" ? "paused" : what === "resume" ? "resumed" : "cancelled" });
      this.deps.jobs.save(job);
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

  private pause(job: StoredJob, reason: string): void {
    job.state = "paused";
    job.pausedReason = reason;
    job.waitingFor = undefined;
    this.settleHold(job);
    this.deps.jobs.save(job);
    this.deps.log.warn({ jobId: job.id, reason }, "job paused");
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
    for (const step of job.steps) if (inFlight(step).length > 0) await this.follow(job, step, target, identity);
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
      this.deps.jobs.save(job);
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
    if (step.state === "pending" || step.state === "waiting") return this.gate(job, step, target, identity);
    if (step.state === "running") return this.send(job, step, target, identity);
    return this.verify(job, step, target, identity);
  }

  /** Before a step: the floor must hold for every role it touches, else wait, and pause after the timeout. */
  private async gate(job: StoredJob, step: StoredStep, target: TargetRef, identity: UpstreamIdentity): Promise<number | undefined> {
    const read = await this.readOrWait(job, step, target, identity);
    if (!("data" in read)) return this.notRead(job, step, read);
    const data = read.data;
    const gone = this.missing(data.instances, step);
    if (gone) return this.pauseNow(job, gone);
    const guard = guardStep(data.instances, step.instances, job.minReadyPercent);
    if (guard.ok) {
      Object.assign(step, { state: "running", startedAt: step.startedAt ?? nowIso(), waitingSince: undefined });
      job.waitingFor = undefined;
      this.deps.jobs.save(job);
      return 0;
    }
    const short = guard.roles.filter((r) => !r.ok).map((r) => `${r.role} would have ${r.readyDuring} ready, below its floor of ${r.floor} of ${r.size}`);
    step.state = "waiting";
    job.waitingFor = `Step ${step.index + 1} waits for readiness: ${short.join("; ")}.`;
    return this.waitOrPause(job, step);
  }

  /** Waits (saving what for), and pauses with that reason once the step has waited readyTimeoutSec. */
  private waitOrPause(job: StoredJob, step: StoredStep): number | undefined {
    step.waitingSince ??= nowIso();
    if (Date.now() - Date.parse(step.waitingSince) > job.readyTimeoutSec * 1000) {
      this.pause(job, `${job.waitingFor ?? "The step waited."} Still so after ${job.readyTimeoutSec} s.`);
      return undefined;
    }
    this.deps.jobs.save(job);
    return this.deps.pollMs;
  }

  private signInReason(job: StoredJob): string {
    return `Waiting for ${job.requestedBy} (or another operator) to be signed in: Azure refused the credentials the job acts with. Resume the job to take it over with your sign-in.`;
  }

  private notRead(job: StoredJob, step: StoredStep, read: { wait: string } | { pause: string }): number | undefined {
    if ("pause" in read) return this.pauseNow(job, read.pause);
    job.waitingFor = read.wait;
    return this.waitOrPause(job, step);
  }

  private pauseNow(job: StoredJob, reason: string): undefined {
    this.pause(job, reason);
    return undefined;
  }

  /** Fresh statuses of the target; or why to wait (a passing failure) or to pause now (refused credentials). */
  private async readOrWait(job: StoredJob, step: StoredStep, target: TargetRef, identity: UpstreamIdentity): Promise<{ data: TargetData } | { wait: string } | { pause: string }> {
    try {
      return { data: await backendFor(this.deps.backends, target.kind).readTarget(target, identity) };
    } catch (err) {
      const f = err instanceof UpstreamError ? err.failure : undefined;
      if (f?.kind === "http" && (f.status === 401 || f.status === 403)) {
        // The identity the job acts as is refused (an owner's token gone stale, none after a
        // restart): it waits for a person. Whoever resumes takes the job over with their sign-in.
        return { pause: this.signInReason(job) };
      }
      return { wait: `Step ${step.index + 1} waits: Rolecall could not read ${targetLabel(target)} (${plainReason(err)}).` };
    }
  }

  /** The step's instances that are no longer in the target, as a pause reason; undefined when all are there. */
  private missing(instances: readonly { name: string }[], step: StoredStep): string | undefined {
    const present = new Set(instances.map((i) => i.name.toLowerCase()));
    const gone = step.instances.filter((n) => !present.has(n.toLowerCase()));
    return gone.length ? `${gone.join(", ")} ${gone.length === 1 ? "is" : "are"} no longer in the target; nothing more is sent. Check the target, then cancel the job or resume it.` : undefined;
  }

  /** Sends the step's action: one call at a time, each naming at most what the upstream takes in one. */
  private async send(job: StoredJob, step: StoredStep, target: TargetRef, identity: UpstreamIdentity): Promise<number | undefined> {
    if (inFlight(step).length > 0) return this.deps.pollMs;
    if (step.operations.some((o) => o.status === "Failed")) return this.failStep(job, step);
    const backend = backendFor(this.deps.backends, target.kind);
    const sent = new Set(step.operations.filter((o) => o.status === "Succeeded" || o.status === "Unknown").flatMap((o) => o.instances));
    const rest = step.instances.filter((n) => !sent.has(n));
    if (rest.length === 0) {
      Object.assign(step, { state: "verifying", waitingSince: nowIso() });
      this.deps.jobs.save(job);
      return 0;
    }
    const instances = rest.slice(0, backend.maxInstancesPerCall);
    const by = job.actingAs ?? { name: job.requestedBy, id: job.requestedById };
    const auditId = this.deps.audit.insert({ at: nowIso(), actor: by.name, actorId: by.id, action: job.action, subscription: job.subscription, target: job.target, instances, jobId: job.id });
    step.sending = { auditId, instances };
    this.deps.jobs.save(job); // durable before the action leaves
    try {
      const started = await backend.startAction(target, job.action, instances, identity);
      step.operations.push({ id: started.id, handle: started.handle, auditId, instances, status: "InProgress" });
      step.operationIds.push(started.id);
      delete step.sending;
      this.deps.jobs.save(job); // the answer is durable before anything else happens
      this.deps.tracker.record(auditId, { operationId: started.id, operationHandle: started.handle, outcome: "accepted" });
    } catch (err) {
      const f = err instanceof UpstreamError ? err.failure : undefined;
      const unknown = f?.kind === "timeout" || (f?.kind === "unreachable" && f.maybeSent) || (f?.kind === "malformed" && (f.accepted === true || f.status === 202));
      const error = toProxyError(err, `${job.action} ${instances.join(", ")}`, true);
      this.deps.tracker.record(auditId, { outcome: unknown ? "unknown" : "rejected", error: { code: error.details.upstreamCode ?? error.code, message: error.message }, finishedAt: nowIso() });
      delete step.sending;
      if (unknown) {
        // Never sent again by the job: resuming checks that they are ready instead.
        step.operations.push({ id: "", auditId, instances, status: "Unknown" });
        this.pause(job, `The ${job.action} of ${instances.join(", ")} may have started, but Rolecall could not confirm it (${plainReason(err)}). Check those instances: resuming will not send it again, it goes on by checking they are ready.`);
      } else {
        Object.assign(step, { state: "failed", error: error.message });
        this.pause(job, `Azure refused the ${job.action} of ${instances.join(", ")}: ${error.message} Resuming sends it again.`);
      }
      return undefined;
    }
    this.deps.tracker.invalidate({ target });
    return this.deps.pollMs;
  }

  private async follow(job: StoredJob, step: StoredStep, target: TargetRef, identity: UpstreamIdentity): Promise<void> {
    const backend = backendFor(this.deps.backends, target.kind);
    for (const op of inFlight(step)) {
      let result;
      try {
        result = await backend.readOperation(target, { id: op.id, handle: op.handle }, identity);
      } catch (err) {
        this.deps.log.warn({ jobId: job.id, operationId: op.id, err: err instanceof Error ? err.message : String(err) }, "reading a job operation's status failed");
        const f = err instanceof UpstreamError ? err.failure : undefined;
        if (f?.kind === "http" && (f.status === 401 || f.status === 403)) {
          // Not the operation's fault: the job's credentials are refused. It waits for a person.
          if (job.state === "running") this.pause(job, this.signInReason(job));
          continue;
        }
        op.failures = (op.failures ?? 0) + 1;
        // Azure no longer knows it, or it cannot be read for a long while: its outcome is unknown.
        // Never sent again; the job pauses, and resuming goes on by checking readiness.
        if ((f?.kind === "http" && f.status === 404) || op.failures >= MAX_READ_FAILURES) {
          op.status = "Unknown";
          const message = `Rolecall could not check the ${job.action} of ${op.instances.join(", ")} (${plainReason(err)}).`;
          this.deps.tracker.record(op.auditId, { outcome: "unknown", error: { code: "StatusUnknown", message }, finishedAt: nowIso() });
          if (job.state === "running") this.pause(job, `${message} Check those instances: resuming will not send it again, it goes on by checking they are ready.`);
        }
        this.deps.jobs.save(job);
        continue;
      }
      if (result.status === "InProgress") continue;
      op.status = result.status;
      this.deps.tracker.record(op.auditId, { outcome: result.status, httpStatusCode: result.httpStatusCode, error: result.error, finishedAt: nowIso() });
      if (result.status === "Failed") step.error = `${job.action} of ${op.instances.join(", ")} failed: ${result.error?.message ?? "Azure reports the operation failed"}${result.error ? ` (${result.error.code})` : ""}.`;
      this.deps.tracker.invalidate({ target });
      this.deps.jobs.save(job);
    }
  }

  private failStep(job: StoredJob, step: StoredStep): undefined {
    step.state = "failed";
    step.finishedAt = nowIso();
    const again = step.operations.filter((o) => o.status === "Failed").flatMap((o) => o.instances);
    this.pause(job, `Step ${step.index + 1}: ${step.error ?? "an operation failed"} Check the instances; resuming sends the ${job.action} again${again.length ? ` to ${again.join(", ")}` : ""}, or cancel.`);
    return undefined;
  }

  /** The health gate: the step's instances ready again, within the timeout. */
  private async verify(job: StoredJob, step: StoredStep, target: TargetRef, identity: UpstreamIdentity): Promise<number | undefined> {
    const read = await this.readOrWait(job, step, target, identity);
    if (!("data" in read)) return this.notRead(job, step, read);
    const data = read.data;
    const gone = this.missing(data.instances, step);
    if (gone) return this.pauseNow(job, gone);
    const wanted = new Set(step.instances);
    const notReady = data.instances.filter((i) => wanted.has(i.name) && i.tone !== "ok").map((i) => i.name);
    if (notReady.length === 0) {
      Object.assign(step, { state: "succeeded", finishedAt: nowIso(), waitingSince: undefined });
      if (job.soakSec > 0) step.soakUntil = new Date(Date.now() + job.soakSec * 1000).toISOString();
      job.waitingFor = undefined;
      this.deps.jobs.save(job);
      return 0;
    }
    step.waitingSince ??= nowIso();
    if (Date.now() - Date.parse(step.waitingSince) > job.readyTimeoutSec * 1000) {
      step.error = `${notReady.join(", ")} not ready ${job.readyTimeoutSec} s after the ${job.action}.`;
      return this.failStep(job, step);
    }
    job.waitingFor = `Step ${step.index + 1} waits for ${notReady.join(", ")} to be ready again.`;
    this.deps.jobs.save(job);
    return this.deps.pollMs;
  }

  close(): void {
    this.closed = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}
