import * as z from "zod/mini";
import { errorCodeSchema } from "./error-codes.ts";
import { actionSchema, instanceNameSchema, slotSchema } from "./names.ts";
import { statusTones } from "./status-catalog.ts";
import { targetKinds } from "./targets.ts";

// The proxy's JSON API (DESIGN.md §3), defined once: each type is inferred from its schema. The SPA
// validates replies with these at its edge; the proxy's tests hold the server to them. Written with
// zod/mini (functions, not methods) because the SPA bundles them: the classic API's methods cannot be
// tree-shaken and would add some 15 KB of brotli to the deep link (bench "wire"). The server mixes
// these with classic schemas freely; both are zod's core. A bundler cannot tell that `.check()` has
// no side effect, so the schemas the SPA never uses (requests, names in paths) say so with
// `@__PURE__`, which keeps them out of its bundle.

/**
 * In passthrough mode the SPA sends two tokens: `Authorization` carries the token for Rolecall's own
 * API, this header the user's management-API token, which the proxy forwards to Azure.
 */
export const MANAGEMENT_TOKEN_HEADER = "x-rolecall-management-token";
/** Likewise for Azure Resource Manager (extended cloud services, scale sets): the user's ARM token. */
export const ARM_TOKEN_HEADER = "x-rolecall-arm-token";
/**
 * When the proxy last read a target from upstream. A target read's ETag leaves the time out, so a
 * steady target revalidates to a 304 and the browser hands back the body it cached, fetchedAt and
 * all; this header, sent on the 304 too, says when the statuses were last read.
 */
export const FETCHED_AT_HEADER = "x-rolecall-fetched-at";
/**
 * Set on a read answered from the last good copy because the upstream did not answer (its value: the
 * ISO time since when it has not). The list routes carry only this and FETCHED_AT_HEADER (the copy's
 * time); `GET {T}` also says it in its body (`stale`).
 */
export const STALE_HEADER = "x-rolecall-stale";

export const targetKindSchema = z.enum(targetKinds);

// The shell's own endpoints (config, who, subscriptions, health) live beside this file.
export * from "./api-shell.ts";

export const instanceSchema = z.object({
  name: z.string(),
  role: z.string(),
  /** The upstream's own status text, unchanged (may be a value the catalog does not know). */
  status: z.string(),
  /** From the shared status catalog; only "ok" counts as ready. */
  tone: z.enum(statusTones),
  powerState: z.string(),
  upgradeDomain: z.int(),
  faultDomain: z.int(),
  size: z.string(),
  ipAddress: z.optional(z.string()),
  hostName: z.optional(z.string()),
  stateDetails: z.optional(z.string()),
  errorCode: z.optional(z.string()),
  /** Scale sets: the availability zone the instance runs in ("1", "2", "3"); absent when not zonal. */
  zone: z.optional(z.string()),
  /**
   * Scale sets: the health probe's verdict as Azure words it after `HealthState/` ("healthy",
   * "unhealthy", "initializing", "unknown", or another word, shown raw); absent when the scale set
   * has no health probe (readiness then rests on provisioning and power alone).
   */
  health: z.optional(z.string()),
  /**
   * True when Azure protects the instance from actions through its target (a scale set's
   * `protectionPolicy.protectFromScaleSetActions`): it cannot be chosen, and the proxy refuses
   * actions and jobs naming it (InstanceProtected). Absent when not protected.
   */
  protectedFromActions: z.optional(z.boolean()),
});
export type Instance = z.infer<typeof instanceSchema>;

export const operationStatusSchema = z.enum(["InProgress", "Succeeded", "Failed"]);
export type OperationStatus = z.infer<typeof operationStatusSchema>;

/** An operation's own error: Azure's code and message, or one of the tracker's (OutcomeUnknown, …). */
export const operationErrorSchema = z.object({ code: z.string(), message: z.string() });
export type OperationError = z.infer<typeof operationErrorSchema>;

export const operationSchema = z.object({
  /** The upstream's id of the action (classic: the 32-hex x-ms-request-id). */
  id: z.string(),
  status: operationStatusSchema,
  httpStatusCode: z.optional(z.int()),
  error: z.optional(operationErrorSchema),
  action: actionSchema,
  instances: z.array(z.string()),
  requestedBy: z.string(),
  requestedAt: z.string(),
  finishedAt: z.optional(z.string()),
  /** The /api path of the target it acts on; present on operations the proxy started. */
  target: z.optional(z.string()),
  /**
   * Whether Azure got the request is unknown (its answer was lost: a timeout, or Rolecall stopped
   * before it came), so the action may have started. InProgress: the target stays held until Azure's
   * own state settles it. Failed: the hold ended and the outcome stays unknown (the audit's "unknown").
   * Absent otherwise.
   */
  unconfirmed: z.optional(z.literal(true)),
});
export type Operation = z.infer<typeof operationSchema>;
export const operationListSchema = z.array(operationSchema);

export const deploymentSummarySchema = z.object({
  slot: slotSchema,
  name: z.string(),
  status: z.string(),
  instanceCount: z.int(),
  /** Instances that are ready; absent when upstream did not list the instances. */
  readyCount: z.optional(z.int()),
});
export type DeploymentSummary = z.infer<typeof deploymentSummarySchema>;

export const cloudServiceSchema = z.object({
  name: z.string(),
  label: z.string(),
  location: z.string(),
  status: z.string(),
  deployments: z.array(deploymentSummarySchema),
});
export type CloudService = z.infer<typeof cloudServiceSchema>;
export const cloudServiceListSchema = z.array(cloudServiceSchema);

export const roleSummarySchema = z.object({ name: z.string(), instanceCount: z.int() });
export type RoleSummary = z.infer<typeof roleSummarySchema>;

/** An extended cloud service or a scale set in a subscription's list (DESIGN.md §3). */
export const armTargetSummarySchema = z.object({
  resourceGroup: z.string(),
  name: z.string(),
  location: z.string(),
  /** The resource's provisioningState (Succeeded, Updating, Failed, …). */
  status: z.string(),
  instanceCount: z.int(),
  readyCount: z.int(),
  roles: z.array(roleSummarySchema),
  /** Extended cloud services: Production or Staging, and the target path of the swappable peer. */
  slotType: z.optional(z.string()),
  peer: z.optional(z.string()),
});
export type ArmTargetSummary = z.infer<typeof armTargetSummarySchema>;
export const armTargetListSchema = z.array(armTargetSummarySchema);

/** One target as `GET {T}` returns it: a classic deployment, an extended cloud service or a scale set. */
export const deploymentSchema = z.object({
  kind: targetKindSchema,
  name: z.string(),
  slot: z.optional(slotSchema),
  resourceGroup: z.optional(z.string()),
  status: z.string(),
  label: z.string(),
  upgradeDomainCount: z.int(),
  roles: z.array(roleSummarySchema),
  instances: z.array(instanceSchema),
  /** ISO time the proxy fetched this from upstream. */
  fetchedAt: z.string(),
  /**
   * Set when the upstream did not answer and this is the last good copy (read at `fetchedAt`, not
   * older than the proxy's bound): since when the upstream has not answered, and its error.
   */
  stale: z.optional(z.object({ since: z.string(), error: z.object({ code: z.string(), message: z.string() }) })),
  inFlight: z.array(operationSchema),
  /** Extended cloud services: Production or Staging, and the target path of the swappable peer. */
  slotType: z.optional(z.string()),
  peer: z.optional(z.string()),
  /** The target's rolling job that has not ended (running, or paused), newest. */
  job: z.optional(
    z.object({
      id: z.string(),
      state: z.enum(["running", "paused"]),
      action: actionSchema,
      requestedBy: z.string(),
      requestedAt: z.string(),
      stepsDone: z.int(),
      steps: z.int(),
      pausedReason: z.optional(z.string()),
    }),
  ),
});
export type Deployment = z.infer<typeof deploymentSchema>;
export type JobSummary = NonNullable<Deployment["job"]>;

export const actionAcceptedSchema = z.object({
  operationId: z.string(),
  action: actionSchema,
  instances: z.array(z.string()),
  requestedBy: z.string(),
  requestedAt: z.string(),
});
export type ActionAccepted = z.infer<typeof actionAcceptedSchema>;

/**
 * Why a person acts (a ticket, a few words), kept in the audit: one line, at most 500 characters
 * once trimmed; empty counts as none. One line because it is quoted into one line of a summary.
 */
export const reasonSchema = /* @__PURE__ */ z.string({ error: "must be text" }).check(
  z.trim(),
  z.maxLength(500, "must be at most 500 characters"),
  z.regex(/^[^\p{Cc}]*$/u, "must be one line of text, without control characters"),
);

/** `POST {T}/instances/{instance}/{action}`: no body, `{}`, or a reason. The path says the rest. */
export const actionRequestSchema = z.strictObject({ reason: z.optional(reasonSchema) });
export type ActionRequestBody = z.infer<typeof actionRequestSchema>;

export const jobEventKinds = ["started", "paused", "resumed", "cancelled", "succeeded"] as const;
export type JobEventKind = (typeof jobEventKinds)[number];

export const auditOutcomeSchema = z.enum(["pending", "accepted", "InProgress", "Succeeded", "Failed", "rejected", "unknown"]);
export type AuditOutcome = z.infer<typeof auditOutcomeSchema>;

export const auditEntrySchema = z.object({
  id: z.int(),
  at: z.string(),
  actor: z.string(),
  action: actionSchema,
  subscription: z.string(),
  /** The /api path of the target acted on. */
  target: z.string(),
  instances: z.array(z.string()),
  operationId: z.nullable(z.string()),
  /** The rolling job this action was a step of, or the job this event is about. */
  jobId: z.optional(z.string()),
  /**
   * Set on a rolling job's own events (no upstream call of their own): started, paused (by a person,
   * or by Rolecall with the reason in `error`), resumed, cancelled, succeeded.
   */
  jobEvent: z.optional(z.enum(jobEventKinds)),
  outcome: auditOutcomeSchema,
  error: z.optional(operationErrorSchema),
  /** The person's reason or ticket: given with the action, or the reason of the job it belongs to. */
  reason: z.optional(z.string()),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;
export const auditListSchema = z.array(auditEntrySchema);

export const jobStepStates = ["pending", "waiting", "running", "verifying", "succeeded", "failed", "skipped"] as const;
export const jobStates = ["running", "paused", "succeeded", "failed", "cancelled"] as const;

export const jobStepSchema = z.object({
  index: z.int(),
  upgradeDomain: z.optional(z.int()),
  instances: z.array(z.string()),
  state: z.enum(jobStepStates),
  operationIds: z.array(z.string()),
  /**
   * What has been sent for this step so far, oldest first: each send's instances and where its
   * operation stands. InProgress also covers a request still on its way to Azure; Unknown: whether
   * it started could not be confirmed. An instance in none of them has not been sent to yet; a later
   * send to an instance tells its state over an earlier one. Absent from proxies before it existed.
   */
  sent: z.optional(z.array(z.object({ instances: z.array(z.string()), status: z.enum(["InProgress", "Succeeded", "Failed", "Unknown"]) }))),
  startedAt: z.optional(z.string()),
  finishedAt: z.optional(z.string()),
  error: z.optional(z.string()),
});
export type JobStep = z.infer<typeof jobStepSchema>;

/** A rolling job (DESIGN.md §3–§4): steps by upgrade domain or one instance at a time, never below the floor. */
export const jobSchema = z.object({
  id: z.string(),
  /** The /api path of the target. */
  target: z.string(),
  kind: targetKindSchema,
  action: actionSchema,
  state: z.enum(jobStates),
  /** Why the operator started it (their words). */
  reason: z.optional(z.string()),
  batch: z.enum(["upgradeDomain", "instance"]),
  minReadyPercent: z.int(),
  readyTimeoutSec: z.int(),
  soakSec: z.int(),
  steps: z.array(jobStepSchema),
  requestedBy: z.string(),
  requestedAt: z.string(),
  finishedAt: z.optional(z.string()),
  /** Why it is paused or failed, in plain words. */
  pausedReason: z.optional(z.string()),
  /** What the current step waits for (readiness, the soak time), in plain words. */
  waitingFor: z.optional(z.string()),
  /** Who did what to the job and when: started, paused, resumed (taking it over), cancelled, succeeded. */
  events: z.optional(z.array(z.object({ at: z.string(), actor: z.string(), what: z.enum(jobEventKinds) }))),
});
export type Job = z.infer<typeof jobSchema>;
export const jobListSchema = z.array(jobSchema);

/** `POST {T}/jobs`: an explicit, non-empty list of instances; never a wildcard. */
export const jobRequestSchema = z.strictObject({
  action: actionSchema,
  instances: /* @__PURE__ */ z.array(instanceNameSchema).check(z.minLength(1, "choose at least one instance"), z.maxLength(2000)),
  batch: z.enum(["upgradeDomain", "instance"], { error: 'batch must be "upgradeDomain" or "instance"' }),
  minReadyPercent: z._default(/* @__PURE__ */ z.int().check(z.gte(0), z.lte(100)), 50),
  readyTimeoutSec: z._default(/* @__PURE__ */ z.int().check(z.gte(1), z.lte(86_400)), 900),
  soakSec: z._default(/* @__PURE__ */ z.int().check(z.gte(0), z.lte(3600)), 0),
  reason: z.optional(reasonSchema),
});
export type JobRequest = z.infer<typeof jobRequestSchema>;

/**
 * The error envelope every /api error uses. `code` is read loosely here (a newer proxy may answer a
 * code this SPA does not know; it then shows the proxy's message) and strictly by `errorCodeSchema`.
 */
export const apiErrorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    upstreamStatus: z.optional(z.int()),
    upstreamCode: z.optional(z.string()),
    requestId: z.optional(z.string()),
    /** For a 409: the operation that holds the target, or the rolling job (jobId). */
    blocking: z.optional(z.extend(z.partial(operationSchema), { jobId: z.optional(z.string()) })),
  }),
});
export type ApiErrorBody = z.infer<typeof apiErrorSchema>;
/** What the proxy itself answers: the envelope with a code from the catalog. */
export const proxyErrorSchema = z.object({ error: z.extend(apiErrorSchema.shape.error, { code: errorCodeSchema }) });
