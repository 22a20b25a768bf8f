import * as z from "zod/mini";
import { instanceSchema, targetKindSchema } from "./api.ts";

// The triage view of a subscription (issue #14): every instance that is not ready, or every instance
// whose name or address matches a search, across every target of every kind the proxy serves.
// `GET /api/subscriptions/{sub}/instances?notReady=1&q=` answers it from the same shared, coalesced
// reads as the target pages.

export { TRIAGE_QUERY_MAX, TRIAGE_QUERY_MIN, TRIAGE_ROW_LIMIT } from "./triage-limits.ts";

/** Azure did not answer, so a target is shown from its last good copy: since when, and why. */
export const triageStaleSchema = z.object({ since: z.string(), error: z.object({ code: z.string(), message: z.string() }) });

/** One instance, with the target it lives in. */
export const triageRowSchema = z.object({
  /** The target's /api path (`{T}`). */
  target: z.string(),
  kind: targetKindSchema,
  /** How the target reads in a list: "contoso-web · production", "rg-app/web-cs". */
  label: z.string(),
  instance: instanceSchema,
  /**
   * When this Rolecall process first read the instance as not ready (ISO), by any read of its target
   * (a target page, the triage view; any viewer), kept in its memory: per replica, forgotten on
   * restart and once the instance is read as ready. Not when it went bad, which Azure does not say.
   * Absent for a ready instance.
   */
  firstSeenNotReady: z.optional(z.string()),
});
export type TriageRow = z.infer<typeof triageRowSchema>;

/** A target that was read, with its counts; `stale` when it is a last good copy. */
export const triageTargetSchema = z.object({
  target: z.string(),
  kind: targetKindSchema,
  label: z.string(),
  instanceCount: z.int(),
  notReadyCount: z.int(),
  stale: z.optional(triageStaleSchema),
});
export type TriageTarget = z.infer<typeof triageTargetSchema>;

/**
 * What could not be read: one target (`target` and `label` set); a target the list named in a form
 * Rolecall refuses (`label` alone, code UpstreamMalformed: never read, so no path to link); or a
 * kind's whole list (neither set: its targets are unknown). The code is the /api error catalog's
 * (read loosely, as errors are).
 */
export const triageFailureSchema = z.object({
  kind: targetKindSchema,
  target: z.optional(z.string()),
  label: z.optional(z.string()),
  error: z.object({ code: z.string(), message: z.string() }),
});
export type TriageFailure = z.infer<typeof triageFailureSchema>;

export const triageSchema = z.object({
  notReady: z.boolean(),
  q: z.optional(z.string()),
  /** Matching instances, the most severe first (failed, unknown, stopped, transitional, ready), at most TRIAGE_ROW_LIMIT. */
  rows: z.array(triageRowSchema),
  /** How many matched in all; more than `rows.length` when truncated. */
  matched: z.int(),
  truncated: z.boolean(),
  targets: z.array(triageTargetSchema),
  /** A kind's list answered from its last good copy. */
  staleLists: z.array(z.object({ kind: targetKindSchema, stale: triageStaleSchema })),
  failures: z.array(triageFailureSchema),
});
export type Triage = z.infer<typeof triageSchema>;

/**
 * Whether an instance matches a search: its name contains `q` (any case), or its IP address is `q`
 * or starts with it. `q` is trimmed and lower-cased by the caller.
 */
export function matchesInstance(i: { name: string; ipAddress?: string | undefined }, q: string): boolean {
  return i.name.toLowerCase().includes(q) || (i.ipAddress !== undefined && i.ipAddress.toLowerCase().startsWith(q));
}
