import type { Job, JobEventKind } from "../../shared/api.ts";
import { parseTargetPath, targetPath, type TargetRef } from "../../shared/targets.ts";
import type { Actor } from "../auth/types.ts";
import { ProxyError } from "../errors.ts";
import type { Metrics } from "../metrics.ts";
import { describeBlocking } from "../operations/describe.ts";
import type { Log } from "../operations/tracker.ts";
import type { HoldInput, Store } from "../store/types.ts";
import { jobInFlight, type StoredJob } from "./store.ts";

export const nowIso = () => new Date().toISOString();
/** Who the audit names when the runner itself pauses a job (a failed step, a lost token). */
export const ROLECALL: Pick<Actor, "name" | "id"> = { name: "Rolecall", id: "rolecall" };
export const jobHoldId = (jobId: string) => `job:${jobId}`;
export const jobLease = (jobId: string) => `job:${jobId}`;

/** The job as /api shows it: the stored job without the runner's own bookkeeping. */
export function jobView(job: StoredJob): Job {
  const { subscription: _s, requestedById: _r, actingAs: _a, revision: _v, steps, ...rest } = job;
  return {
    ...rest,
    steps: steps.map(({ operations, sending, waitingSince: _w, soakUntil: _u, sent: _s, ...step }) => ({
      ...step,
      // Each instance's own state within its step: a step sends to its instances one call at a time.
      sent: [...operations.map(({ instances, status }) => ({ instances, status })), ...(sending ? [{ instances: sending.instances, status: "InProgress" as const }] : [])],
    })),
  };
}

/**
 * The job was saved by someone else since it was read (another replica paused or cancelled it):
 * whatever was being decided is dropped, and the job is read again.
 */
export class JobChanged extends Error {
  override name = "JobChanged";
  constructor(readonly jobId: string) {
    super(`job ${jobId} changed while Rolecall was working on it`);
  }
}

/**
 * What every change to a job goes through: its save (only over the revision it was read at), its
 * events in the audit, its hold on the target in the store. Shared by the runner (runner.ts) and
 * the step phases (steps.ts).
 */
export class JobBook {
  constructor(readonly deps: { store: Store; log: Log; metrics?: Metrics }) {}

  /** Saves, or throws JobChanged when another save came between (then nothing of this one is kept). */
  async save(job: StoredJob): Promise<void> {
    if (!(await this.deps.store.jobs.save(job))) throw new JobChanged(job.id);
  }

  /**
   * Saves the job with the event in its history, then writes the event to the audit. The job is
   * saved first: the runner acts on the job's saved state, so an audit row must never announce a
   * state the job does not have.
   */
  async record(job: StoredJob, what: JobEventKind, actor: Pick<Actor, "name" | "id">, reason?: string): Promise<void> {
    const at = nowIso();
    (job.events ??= []).push({ at, actor: actor.name, what });
    await this.save(job);
    this.deps.metrics?.job(what);
    await this.deps.store.audit.insertJobEvent({
      at,
      actor: actor.name,
      actorId: actor.id,
      action: job.action,
      subscription: job.subscription,
      target: job.target,
      instances: job.steps.flatMap((s) => s.instances),
      jobId: job.id,
      jobEvent: what,
      reason: job.reason,
      outcome: what === "succeeded" ? "Succeeded" : "accepted",
      error: reason ? { code: "JobPaused", message: reason } : undefined,
    });
  }

  /** `by`: the person who paused it; without, Rolecall paused it and the audit keeps the reason. */
  async pause(job: StoredJob, reason: string, by?: Actor): Promise<void> {
    job.state = "paused";
    job.pausedReason = reason;
    job.waitingFor = undefined;
    await this.record(job, "paused", by ?? ROLECALL, by ? undefined : reason);
    await this.settleHold(job);
    this.deps.log.warn({ jobId: job.id, reason }, "job paused");
  }

  /** Takes the target for the job (a restart gets its own hold back); throws a 409 naming the holder. */
  async hold(job: StoredJob): Promise<void> {
    const holder: HoldInput = {
      id: jobHoldId(job.id),
      actorId: job.requestedById,
      jobId: job.id,
      operation: { id: "", status: "InProgress", action: job.action, instances: job.steps.flatMap((s) => s.instances), requestedBy: job.requestedBy, requestedAt: job.requestedAt, target: job.target },
    };
    const got = await this.deps.store.holds.acquire(job.target, holder);
    if (got.acquired) return;
    const other = got.holder;
    const message = other.jobId
      ? `Another rolling job (${other.jobId}) holds this target: ${other.operation.requestedBy} started a ${other.operation.action} of ${other.operation.instances.length} instance(s) at ${other.operation.requestedAt}. Wait for it, or pause or cancel it.`
      : describeBlocking(other);
    throw new ProxyError("DeploymentBusy", message, { blocking: { ...other.operation, jobId: other.jobId } });
  }

  async release(job: StoredJob): Promise<void> {
    await this.deps.store.holds.release(job.target, jobHoldId(job.id));
  }

  /**
   * A job that is not running frees its target, but only once nothing it sent is still running:
   * until then a person's action would meet Azure's own 409 (or worse, overlap).
   */
  async settleHold(job: StoredJob): Promise<void> {
    // A send written down counts: its POST may still be on its way on the replica that runs the job.
    if (job.state !== "running" && !jobInFlight(job)) await this.release(job);
  }

  /**
   * Takes the job's own hold again (idempotent for its own holder id): a hold freed under a running
   * job (a settle that read the job before a send was written down) is back before anything is sent.
   * Resolves with why not when someone else holds the target now, else undefined.
   */
  async retake(job: StoredJob): Promise<string | undefined> {
    try {
      await this.hold(job);
      return undefined;
    } catch (err) {
      if (err instanceof ProxyError) return err.message;
      throw err;
    }
  }

  /**
   * A job that no longer runs, with a send written down whose answer never came within `maxMs` (its
   * replica died mid-send): no POST can still be on its way, so the send's outcome is unknown and
   * it stops holding the target. A running job pauses over it instead (the runner does).
   */
  async expireSending(job: StoredJob, maxMs: number): Promise<void> {
    let changed = false;
    for (const step of job.steps) {
      if (!step.sending || Date.now() - Date.parse(step.sending.at ?? "") < maxMs) continue;
      step.operations.push({ id: "", auditId: step.sending.auditId, instances: step.sending.instances, status: "Unknown" });
      await this.deps.store.audit.update(step.sending.auditId, { outcome: "unknown", error: { code: "Interrupted", message: "Rolecall stopped before Azure answered this request, so whether it started is unknown. Check the instances." }, finishedAt: nowIso() });
      delete step.sending;
      changed = true;
    }
    if (changed) await this.save(job);
  }

  /**
   * A send written down whose answer was not saved (a crash, or a save refused because the job
   * changed meanwhile): when Azure's operation id reached the audit, the step follows that operation.
   */
  async resolveSending(job: StoredJob): Promise<boolean> {
    let changed = false;
    for (const step of job.steps) {
      if (!step.sending) continue;
      const record = await this.deps.store.audit.get(step.sending.auditId);
      if (!record?.operationId) continue;
      step.operations.push({ id: record.operationId, handle: record.operationHandle, auditId: record.id, instances: step.sending.instances, status: "InProgress" });
      step.operationIds.push(record.operationId);
      delete step.sending;
      changed = true;
    }
    if (changed) await this.save(job);
    return changed;
  }

  /**
   * A double click or a retry of the same job (same person, action and instances) while it holds
   * the target gets that job back rather than a 409 about itself.
   */
  async sameJobHolding(target: TargetRef, job: StoredJob): Promise<StoredJob | undefined> {
    const holder = await this.deps.store.holds.get(targetPath(target));
    const running = holder?.jobId ? await this.deps.store.jobs.get(holder.jobId) : undefined;
    const names = (j: StoredJob) => j.steps.flatMap((s) => s.instances).map((n) => n.toLowerCase()).sort().join(",");
    return running && running.requestedById === job.requestedById && running.action === job.action && names(running) === names(job) ? running : undefined;
  }
}

export function targetOfJob(job: StoredJob): TargetRef {
  const target = parseTargetPath(job.target);
  if (!target) throw new Error(`job ${job.id} names no target Rolecall knows`);
  return target;
}
