import { guardStep, protectedChosen } from "../../shared/jobs.ts";
import { targetLabel, type TargetRef } from "../../shared/targets.ts";
import { backendFor, type Backends, type TargetData } from "../backends/types.ts";
import { plainReason } from "../operations/describe.ts";
import type { Log, OperationTracker } from "../operations/tracker.ts";
import type { Store } from "../store/types.ts";
import { toProxyError, UpstreamError } from "../upstream/errors.ts";
import type { UpstreamIdentity } from "../upstream/identity.ts";
import { JobChanged, type JobBook } from "./lifecycle.ts";
import type { StoredJob, StoredStep } from "./store.ts";

/** The step's instances whose action has not gone out yet (an unknown outcome counts as sent: never resent). */
const unsent = (step: StoredStep) => {
  const sent = new Set(step.operations.filter((o) => o.status === "Succeeded" || o.status === "Unknown").flatMap((o) => o.instances));
  return step.instances.filter((n) => !sent.has(n));
};

/** Status reads of one operation that may fail in a row before its outcome counts as unknown. */
const MAX_READ_FAILURES = 10;

export const inFlight = (s: StoredStep) => s.operations.filter((o) => o.status === "InProgress");
const nowIso = () => new Date().toISOString();

/**
 * The phases of one step of a rolling job: the guard before it, sending its action, following what
 * was sent, the health gate after it. Each works on the job it is handed and saves it; the runner
 * (runner.ts) owns the job's lifecycle, its hold on the target and the order of its work.
 */
/** What a failed step says, and what resuming it will do. */
function failedStepReason(job: StoredJob, step: StoredStep): string {
  const again = step.operations.filter((o) => o.status === "Failed").flatMap((o) => o.instances);
  return `Step ${step.index + 1}: ${step.error ?? "an operation failed"} Check the instances; resuming sends the ${job.action} again${again.length ? ` to ${again.join(", ")}` : ""}, or cancel.`;
}

export class StepDriver {
  constructor(
    private readonly deps: { backends: Backends; store: Store; tracker: OperationTracker; pollMs: number; log: Log },
    /** Saves (throwing JobChanged when another replica saved first) and pauses. */
    private readonly book: Pick<JobBook, "save" | "pause">,
  ) {}

  /** Before a step: the floor must hold for every role it touches, else wait, and pause after the timeout. */
  async gate(job: StoredJob, step: StoredStep, target: TargetRef, identity: UpstreamIdentity): Promise<number | undefined> {
    const read = await this.readOrWait(job, step, target, identity);
    if (!("data" in read)) return this.notRead(job, step, read);
    const data = read.data;
    const gone = this.missing(data.instances, step);
    if (gone) return this.pauseNow(job, gone);
    // Protection may have been set in Azure since the job started (it waited, soaked or was paused).
    const guarded = protectedChosen(data.instances, unsent(step));
    if (guarded.length > 0) {
      return this.pauseNow(job, `${guarded.join(", ")} ${guarded.length === 1 ? "is" : "are"} now protected from actions in Azure (the scale set's protection policy); nothing was sent. Lift the protection, or cancel the job.`);
    }
    const guard = guardStep(data.instances, step.instances, job.minReadyPercent);
    if (guard.ok) {
      Object.assign(step, { state: "running", startedAt: step.startedAt ?? nowIso(), waitingSince: undefined });
      job.waitingFor = undefined;
      await this.book.save(job);
      return 0;
    }
    const short = guard.roles.filter((r) => !r.ok).map((r) => `${r.role} would have ${r.readyDuring} ready, below its floor of ${r.floor} of ${r.size}`);
    step.state = "waiting";
    job.waitingFor = `Step ${step.index + 1} waits for readiness: ${short.join("; ")}.`;
    return this.waitOrPause(job, step);
  }

  /** Waits (saving what for), and pauses with that reason once the step has waited readyTimeoutSec. */
  private async waitOrPause(job: StoredJob, step: StoredStep): Promise<number | undefined> {
    step.waitingSince ??= nowIso();
    if (Date.now() - Date.parse(step.waitingSince) > job.readyTimeoutSec * 1000) {
      await this.book.pause(job, `${job.waitingFor ?? "The step waited."} Still so after ${job.readyTimeoutSec} s.`);
      return undefined;
    }
    await this.book.save(job);
    return this.deps.pollMs;
  }

  private signInReason(job: StoredJob): string {
    return `Waiting for ${job.requestedBy} (or another operator) to be signed in: Azure refused the credentials the job acts with. Resume the job to take it over with your sign-in.`;
  }

  private notRead(job: StoredJob, step: StoredStep, read: { wait: string } | { pause: string }): Promise<number | undefined> {
    if ("pause" in read) return this.pauseNow(job, read.pause);
    job.waitingFor = read.wait;
    return this.waitOrPause(job, step);
  }

  private async pauseNow(job: StoredJob, reason: string): Promise<undefined> {
    await this.book.pause(job, reason);
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
  async send(job: StoredJob, step: StoredStep, target: TargetRef, identity: UpstreamIdentity): Promise<number | undefined> {
    if (inFlight(step).length > 0) return this.deps.pollMs;
    if (step.operations.some((o) => o.status === "Failed")) return this.failStep(job, step);
    const backend = backendFor(this.deps.backends, target.kind);
    const rest = unsent(step);
    if (rest.length === 0) {
      Object.assign(step, { state: "verifying", waitingSince: nowIso() });
      await this.book.save(job);
      return 0;
    }
    const instances = rest.slice(0, backend.maxInstancesPerCall);
    const by = job.actingAs ?? { name: job.requestedBy, id: job.requestedById };
    const auditId = await this.deps.store.audit.insert({ at: nowIso(), actor: by.name, actorId: by.id, action: job.action, subscription: job.subscription, target: job.target, instances, jobId: job.id, reason: job.reason });
    step.sending = { auditId, instances, at: nowIso() };
    try {
      await this.book.save(job); // durable before the action leaves
    } catch (err) {
      // Paused or cancelled on another replica meanwhile: nothing leaves, and the audit says so.
      if (err instanceof JobChanged) await this.deps.tracker.record(auditId, { outcome: "rejected", error: { code: "JobChanged", message: "Not sent: the job was paused or cancelled meanwhile." }, finishedAt: nowIso() });
      throw err;
    }
    let started;
    try {
      started = await backend.startAction(target, job.action, instances, identity);
    } catch (err) {
      const f = err instanceof UpstreamError ? err.failure : undefined;
      const unknown = f?.kind === "timeout" || (f?.kind === "unreachable" && f.maybeSent) || (f?.kind === "malformed" && (f.accepted === true || f.status === 202));
      const error = toProxyError(err, `${job.action} ${instances.join(", ")}`, true);
      await this.deps.tracker.record(auditId, { outcome: unknown ? "unknown" : "rejected", error: { code: error.details.upstreamCode ?? error.code, message: error.message }, finishedAt: nowIso() });
      delete step.sending;
      if (unknown) {
        // Never sent again by the job: resuming checks that they are ready instead.
        step.operations.push({ id: "", auditId, instances, status: "Unknown" });
        await this.book.pause(job, `The ${job.action} of ${instances.join(", ")} may have started, but Rolecall could not confirm it (${plainReason(err)}). Check those instances: resuming will not send it again, it goes on by checking they are ready.`);
      } else {
        Object.assign(step, { state: "failed", error: error.message });
        await this.book.pause(job, `Azure refused the ${job.action} of ${instances.join(", ")}: ${error.message} Resuming sends it again.`);
      }
      return undefined;
    }
    // The audit first: should the job's save below be refused (it changed meanwhile), whoever reads
    // the job again finds the operation there (resolveSending) instead of an unknown send.
    await this.deps.tracker.record(auditId, { operationId: started.id, operationHandle: started.handle, outcome: "accepted" });
    step.operations.push({ id: started.id, handle: started.handle, auditId, instances, status: "InProgress" });
    step.operationIds.push(started.id);
    delete step.sending;
    await this.book.save(job);
    this.deps.tracker.invalidate({ target });
    return this.deps.pollMs;
  }

  async follow(job: StoredJob, step: StoredStep, target: TargetRef, identity: UpstreamIdentity): Promise<void> {
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
          if (job.state === "running") await this.book.pause(job, this.signInReason(job));
          continue;
        }
        op.failures = (op.failures ?? 0) + 1;
        // Azure no longer knows it, or it cannot be read for a long while: its outcome is unknown.
        // Never sent again; the job pauses, and resuming goes on by checking readiness.
        if ((f?.kind === "http" && f.status === 404) || op.failures >= MAX_READ_FAILURES) {
          op.status = "Unknown";
          const message = `Rolecall could not check the ${job.action} of ${op.instances.join(", ")} (${plainReason(err)}).`;
          await this.deps.tracker.record(op.auditId, { outcome: "unknown", error: { code: "StatusUnknown", message }, finishedAt: nowIso() });
          if (job.state === "running") await this.book.pause(job, `${message} Check those instances: resuming will not send it again, it goes on by checking they are ready.`);
        }
        await this.book.save(job);
        continue;
      }
      if (result.status === "InProgress") continue;
      op.status = result.status;
      await this.deps.tracker.record(op.auditId, { outcome: result.status, httpStatusCode: result.httpStatusCode, error: result.error, finishedAt: nowIso() });
      if (result.status === "Failed") step.error = `${job.action} of ${op.instances.join(", ")} failed: ${result.error?.message ?? "Azure reports the operation failed"}${result.error ? ` (${result.error.code})` : ""}.`;
      this.deps.tracker.invalidate({ target });
      await this.book.save(job);
    }
    // Paused while its operation ran, and the operation failed: the step has failed all the same,
    // and says so before anyone resumes (resuming a failed step sends to its failed instances again).
    if (job.state === "paused" && step.state === "running" && inFlight(step).length === 0 && step.operations.some((o) => o.status === "Failed")) {
      step.state = "failed";
      step.finishedAt = nowIso();
      job.pausedReason = `${job.pausedReason ?? "Paused."} While it was paused, ${failedStepReason(job, step).replace(/^S/, "s")}`;
      await this.book.save(job);
    }
  }

  private async failStep(job: StoredJob, step: StoredStep): Promise<undefined> {
    step.state = "failed";
    step.finishedAt = nowIso();
    await this.book.pause(job, failedStepReason(job, step));
    return undefined;
  }

  /** The health gate: the step's instances ready again, within the timeout. */
  async verify(job: StoredJob, step: StoredStep, target: TargetRef, identity: UpstreamIdentity): Promise<number | undefined> {
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
      await this.book.save(job);
      // Viewers should see the statuses this gate just read, not a copy cached before them.
      this.deps.tracker.invalidate({ target });
      return 0;
    }
    step.waitingSince ??= nowIso();
    if (Date.now() - Date.parse(step.waitingSince) > job.readyTimeoutSec * 1000) {
      step.error = `${notReady.join(", ")} not ready ${job.readyTimeoutSec} s after the ${job.action}.`;
      return this.failStep(job, step);
    }
    job.waitingFor = `Step ${step.index + 1} waits for ${notReady.join(", ")} to be ready again.`;
    await this.book.save(job);
    return this.deps.pollMs;
  }
}
