import * as z from "zod/mini";
import { instanceNamePattern, operationIdPattern } from "../../shared/names.ts";
import { TRIAGE_QUERY_MAX } from "../../shared/triage-limits.ts";
import { outcomeFilters } from "../features/audit/filter.ts";
import { sortValues, toneFilters } from "../features/deployment/view.ts";
import { listedKinds } from "../features/services/rows.ts";

// Every piece of view state lives in the URL (DESIGN.md §4). Each field is optional and a bad value
// is dropped rather than failing the page, so a hand-edited or stale link still opens. zod/mini
// (functional checks) rather than classic zod: the same validation, tree-shaken to what is used.

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const optional = <T extends z.ZodMiniType>(schema: T) => z.catch(z.pipe(z.transform(blankToUndefined), z.optional(schema)), undefined);

/** The view state of every target's page, whatever its kind. */
export const deploymentSearchSchema = z.object({
  role: optional(z.string().check(z.maxLength(128))),
  tone: optional(z.enum(toneFilters)),
  q: optional(z.string().check(z.maxLength(200))),
  sort: optional(z.enum(sortValues)),
  instance: optional(z.string().check(z.regex(instanceNamePattern))),
  op: optional(z.string().check(z.regex(operationIdPattern))),
  /** Instances chosen for a rolling job, comma-separated (features/deployment/selection.ts reads it). */
  sel: optional(z.string().check(z.maxLength(100_000))),
  /** The rolling job opened in the job panel (job ids have the operation ids' shape). */
  job: optional(z.string().check(z.regex(operationIdPattern))),
});
export type DeploymentSearch = z.infer<typeof deploymentSearchSchema>;

export const servicesSearchSchema = z.object({
  q: optional(z.string().check(z.maxLength(200))),
  kind: optional(z.enum(listedKinds)),
  op: optional(z.string().check(z.regex(operationIdPattern))),
});
export type ServicesSearch = z.infer<typeof servicesSearchSchema>;

/** The audit page of a subscription, or of one target (`target=services/x/deployments/production`). */
export const auditSearchSchema = z.object({
  target: optional(z.string().check(z.maxLength(400), z.regex(/^(services|resourceGroups)\//))),
  instance: optional(z.string().check(z.regex(instanceNamePattern))),
  actor: optional(z.string().check(z.maxLength(200))),
  outcome: optional(z.enum(outcomeFilters)),
  /** Entries older than this audit id: the page after the one that ended with it. */
  before: optional(z.string().check(z.regex(/^\d{1,15}$/))),
  /** Entries per page, 1 to 500 (the proxy's most). */
  limit: optional(z.string().check(z.regex(/^([1-9]\d?|[1-4]\d\d|500)$/))),
});
export type AuditSearch = z.infer<typeof auditSearchSchema>;

// The search box shows `q` as typed, spaces included: a blank is kept, not dropped as above.
const kept = <T extends z.ZodMiniType>(schema: T) => z.catch(z.optional(schema), undefined);

/** The triage view (issue #14): a name or IP search, and whether ready instances are listed too. */
export const triageSearchSchema = z.object({
  // As long as the proxy accepts (and the search box holds): a longer one would only be refused.
  q: kept(z.string().check(z.maxLength(TRIAGE_QUERY_MAX))),
  /** Ready instances too; absent = only the ones that are not ready. */
  all: kept(z.literal("1")),
});
export type TriageSearch = z.infer<typeof triageSearchSchema>;
