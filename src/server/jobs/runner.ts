import { KeyedQueue } from "../keyed-queue.ts";
import { randomUUID } from "node:crypto";
import type { Job, JobRequest } from "../../shared/api.ts";
import { jobListProblems, planJob } from "../../shared/jobs.ts";
import { targetLabel, targetPath, type TargetRef } from "../../shared/targets.ts";
import type { Actor } from "../auth/types.ts";
import { backendFor, type Backends } from "../backends/types.ts";
import { ProxyError } from "../errors.ts";
import type { Metrics } from "../metrics.ts";
import { plainReason } from "../operations/describe.ts";
import { refuseProtected } from "../operations/protected.ts";
import type { Log, OperationTracker } from "../operations/tracker.ts";
import type { Store } from "../store/types.ts";
import { whileRenewing } from "../store/while-renewing.ts";
import { toProxyError } from "../upstream/errors.ts";
import type { UpstreamIdentity } from "../upstream/identity.ts";
import { controlJob } from "./control.ts";
import { freeEndedJobHolds } from "./ended-holds.ts";
import { JobBook, JobChanged, jobLease, jobView, nowIso, ROLECALL, targetOfJob } from "./lifecycle.ts";
import { inFlight, StepDriver } from "./steps.ts";
import { jobInFlight, type StoredJob, type StoredStep } from "./store.ts";

export { jobView } from "./lifecycle.ts";

const isDone = (s: StoredStep) => s.state === "succeeded" || s.state === "failed" || s.state === "skipped";

export interface JobRunnerDeps {
  backends: Backends;
  store: Store;
  tracker: OperationTracker;
  pollMs: number;
  restartIdentity: UpstreamIdentity;
  log: Log;
  /** This process among the replicas: the owner name of its job leases. */
  replicaId: string;
  /** A job's lease lasts this long unrenewed; then another replica takes the job over. */
  leaseMs: number;
  /** How often every replica looks for jobs nobody runs. */
  scanMs: number;
  /** Longest a job's POST can be on its way (the upstream timeout and some): a send written down and older is over. */
  sendingMs: number;
  metrics?: Metrics;
}

/**
 * Runs rolling jobs (DESIGN.md §4): one step at a time, each only when the floor holds, its action
 * sent once (one batch call where the upstream has one, else one operation at a time), then a health
 * gate before the next. Every state change is in the store before the next upstream call, so
 * whichever replica goes on (after a restart, or after the one running it died) goes on where it was
 * and never sends an action twice: a send whose outcome is unknown pauses the job instead. One
 * replica at a time runs a job: ticks happen only under the job's lease, renewed as it goes, and a
 * periodic scan on every replica takes over jobs whose lease expired.
 */
export class JobRunner {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** Who each job acts as (tokens live only in memory; after a takeover, the proxy's own identity). */
  private readonly identities = new Map<string, UpstreamIdentity>();
  /** Whose token each job acts with, and on which target (lower-cased path): see refreshOwner. */
  private readonly owners = new Map<string, { ownerId: string; target: string }>();
  /**
   * Everything that reads and writes a job on this replica (its ticks, pause/resume/cancel) runs in
   * this per-job queue, one at a time, each on the job as the store has it. Across replicas, a save
   * over a revision someone else moved on is refused (JobChanged) and the job is read again.
   */
  private readonly queues = new KeyedQueue();
  /** Jobs whose lease this replica holds, and when it last renewed it. */
  private readonly owned = new Map<string, number>();
  private readonly steps: StepDriver;
  private readonly book: JobBook;
  private scanTimer: NodeJS.Timeout | undefined;
  private scanning: Promise<void> | undefined;
  private closed = false;

  constructor(private readonly deps: JobRunnerDeps) {
    this.book = new JobBook(deps);
    this.steps = new StepDriver(deps, this.book);
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
    const job: StoredJob = {
      id: randomUUID().replace(/-/g, ""),
      subscription: target.subscription,
      target: targetPath(target),
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
      requestedAt: nowIso(),
      events: [],
    };
    const same = await this.book.sameJobHolding(target, job);
    if (same) return jobView(same);
    await this.book.hold(job); // throws 409 naming the holder; nothing stored then
    // The lease before the row: another replica's scan must never take a job this one is starting.
    try {
      await this.own(job.id);
      await this.deps.store.jobs.insert(job);
    } catch (err) {
      await this.book.release(job).catch(() => undefined);
      throw err;
    }
    await this.book.record(job, "started", actor);
    this.identities.set(job.id, identity);
    this.owners.set(job.id, { ownerId: actor.id, target: job.target.toLowerCase() });
    this.deps.log.info({ jobId: job.id, target: job.target, steps: job.steps.length }, "job started");
    this.schedule(job.id, 0);
    return jobView(job);
  }

  /** Takes over jobs nobody runs (after a restart: this process's own), then keeps looking. */
  async begin(): Promise<void> {
    await this.scan();
    const timer = setInterval(() => void this.scan(), this.deps.scanMs);
    timer.unref();
    this.scanTimer = timer;
  }

  private scan(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.scanning ??= this.scanOnce()
      .catch((err: unknown) => this.deps.log.warn({ err: err instanceof Error ? err.message : String(err) }, "scanning for jobs to take over failed"))
      .finally(() => (this.scanning = undefined));
    return this.scanning;
  }

  private async scanOnce(): Promise<void> {
    const { store, replicaId, leaseMs, restartIdentity } = this.deps;
    const [jobs, holds] = await Promise.all([store.jobs.open(), store.holds.list()]);
    await freeEndedJobHolds(this.deps, holds);
    const holding = new Set(holds.flatMap((h) => (h.jobId ? [h.jobId] : [])));
    for (const job of jobs) {
      if (this.closed) return;
      // A paused job with nothing running and no hold left needs nobody until someone resumes it.
      const needed = job.state === "running" || jobInFlight(job) || holding.has(job.id);
      if (this.owned.has(job.id) || !needed) continue;
      if (!(await store.leases.acquire(jobLease(job.id), replicaId, leaseMs))) continue;
      this.owned.set(job.id, Date.now());
      if (!this.identities.has(job.id)) this.identities.set(job.id, restartIdentity);
      this.owners.set(job.id, { ownerId: job.actingAs?.id ?? job.requestedById, target: job.target.toLowerCase() });
      this.deps.log.info({ jobId: job.id, state: job.state }, "taking over a job nobody runs (a restart, or its replica stopped)");
      await this.queue(job.id, async () => {
        const current = await store.jobs.get(job.id);
        if (!current) return;
        // Paused and cancelled jobs are followed too while something they sent is still running.
        try {
          await this.book.hold(current);
        } catch (err) {
          if (!(err instanceof ProxyError) || current.state !== "running") return;
          await this.book.pause(current, "When Rolecall took this job over, another action held the target. Resume the job once it is free.").catch(() => undefined);
        }
      });
      this.schedule(job.id, 0);
    }
  }

  /**
   * The job's owner read its target: their browser's token is the freshest there is, so the job acts
   * with it from now on (passthrough: a job outlives the token it started with). Only the person the
   * job acts for; anyone else takes a job over by resuming it, and the audit says so.
   */
  refreshOwner(target: string, actorId: string, identity: UpstreamIdentity): void {
    const path = target.toLowerCase();
    for (const [jobId, owner] of this.owners) {
      if (owner.target === path && owner.ownerId === actorId) this.identities.set(jobId, identity);
    }
  }

  get(id: string): Promise<StoredJob | undefined> {
    return this.deps.store.jobs.get(id);
  }

  /** Pause or cancel take effect at once: what was sent runs to its end, nothing new is sent. */
  control(id: string, what: "pause" | "resume" | "cancel", actor: Actor, identity: UpstreamIdentity): Promise<Job> {
    return this.queue(id, async () => {
      // Another replica's save between our read and ours: read again and decide again.
      for (let attempt = 1; ; attempt++) {
        try {
          const { job, changed } = await controlJob(this.book, id, what, actor);
          // Only a resume that resumed takes the job over: "resume" on a running job (a retry, or
          // someone else's click) must not switch the credentials it acts with under its audit name.
          if (what === "resume" && changed) {
            this.identities.set(id, identity);
            this.owners.set(id, { ownerId: actor.id, target: job.target.toLowerCase() });
          }
          this.deps.log.info({ jobId: id, what, by: actor.name }, "job control");
          // Resumed, or cancelled with operations to follow: run it here unless a replica already does.
          if (what !== "pause" && (await this.own(id).catch(() => false))) this.schedule(id, what === "resume" ? 0 : this.deps.pollMs);
          return jobView(job);
        } catch (err) {
          if (!(err instanceof JobChanged) || attempt >= 5) throw err;
        }
      }
    });
  }

  /** Takes (or keeps) the job's lease; false when another replica holds it. */
  private async own(id: string): Promise<boolean> {
    const ok = await this.deps.store.leases.acquire(jobLease(id), this.deps.replicaId, this.deps.leaseMs);
    if (ok) this.owned.set(id, Date.now());
    return ok;
  }

  /** Renews the lease once a third of it has passed; false when another replica took the job over. */
  private async keepLease(id: string): Promise<boolean> {
    if (Date.now() - (this.owned.get(id) ?? 0) < this.deps.leaseMs / 3) return true;
    return this.own(id);
  }

  /** Stops running the job here, handing its lease back. */
  private async letGo(id: string): Promise<void> {
    this.owned.delete(id);
    const timer = this.timers.get(id);
    if (timer) clearTimeout(timer);
    this.timers.delete(id);
    await this.deps.store.leases.release(jobLease(id), this.deps.replicaId).catch(() => undefined);
  }

  private queue<T>(id: string, fn: () => Promise<T>): Promise<T> {
    return this.queues.run(id, fn);
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
      if (this.closed) return;
      let job: StoredJob | undefined;
      try {
        if (!(await this.keepLease(id))) {
          this.owned.delete(id);
          this.deps.log.warn({ jobId: id }, "another replica took this job over");
          return;
        }
        job = await this.deps.store.jobs.get(id);
        if (!job) return await this.letGo(id);
        const current = job;
        // A step may wait on Azure longer than a lease: taken over meanwhile, the job would pause as "stopped while sending".
        const again = await whileRenewing(this.deps.leaseMs, () => this.own(id), () => this.advance(current));
        if (again !== undefined) this.schedule(id, again);
        else await this.letGo(id);
      } catch (err) {
        if (err instanceof JobChanged) return this.schedule(id, 0);
        this.deps.log.error({ jobId: id, err: err instanceof Error ? err.message : String(err) }, "job step failed unexpectedly");
        const fresh = await this.deps.store.jobs.get(id).catch(() => undefined);
        if (fresh?.state === "running") await this.book.pause(fresh, `Rolecall hit an internal error (${plainReason(err)}); check the target, then resume.`).catch(() => undefined);
        this.schedule(id, this.deps.pollMs);
      }
    });
  }

  /** One step of progress; resolves with when to look again, or undefined when there is nothing to do. */
  private async advance(job: StoredJob): Promise<number | undefined> {
    const target = targetOfJob(job);
    const identity = this.identities.get(job.id) ?? this.deps.restartIdentity;
    if (job.state === "running" || jobInFlight(job)) {
      const other = await this.book.retake(job);
      if (other && job.state === "running") await this.book.pause(job, `The job lost its hold on the target and another action took it meanwhile, so nothing more was sent. ${other}`);
    }
    await this.book.resolveSending(job);
    // Operations already sent are followed whatever the job's state.
    for (const step of job.steps) if (inFlight(step).length > 0) await this.steps.follow(job, step, target, identity);
    if (job.state !== "running") {
      await this.book.expireSending(job, this.deps.sendingMs);
      await this.book.settleHold(job);
      return jobInFlight(job) ? this.deps.pollMs : undefined;
    }

    const step = job.steps.find((s) => !isDone(s));
    if (!step) {
      job.state = "succeeded";
      job.finishedAt = nowIso();
      job.waitingFor = undefined;
      await this.book.record(job, "succeeded", ROLECALL);
      await this.book.release(job);
      this.deps.log.info({ jobId: job.id }, "job succeeded");
      return undefined;
    }
    if (step.sending) {
      // Rolecall stopped between writing the send down and saving its answer, and Azure's operation
      // id never reached the audit (resolveSending above): the outcome is unknown, so pause.
      await this.book.pause(job, `Rolecall stopped while sending the ${job.action} of ${step.sending.instances.join(", ")}; whether Azure got it is unknown. Check those instances: resuming will not send it again, it goes on by checking they are ready.`);
      return undefined;
    }
    const previous = job.steps[step.index - 1];
    if (previous?.soakUntil && Date.parse(previous.soakUntil) > Date.now()) {
      job.waitingFor = `Soaking after step ${previous.index + 1} until ${previous.soakUntil}.`;
      await this.book.save(job);
      return Math.min(this.deps.pollMs, Date.parse(previous.soakUntil) - Date.now());
    }
    if (step.state === "pending" || step.state === "waiting") return this.steps.gate(job, step, target, identity);
    if (step.state === "running") return this.steps.send(job, step, target, identity);
    return this.steps.verify(job, step, target, identity);
  }

  /** Stops ticking and scanning, and hands this replica's job leases back so another replica goes on at once. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.scanTimer) clearInterval(this.scanTimer);
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    await this.scanning;
    // Whatever tick is mid-way finishes first: its lease must not be handed over under it.
    await this.queues.idle();
    await Promise.all([...this.owned.keys()].map((id) => this.deps.store.leases.release(jobLease(id), this.deps.replicaId).catch(() => undefined)));
    this.owned.clear();
  }
}

