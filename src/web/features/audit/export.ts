import type { AuditEntry } from "../../../shared/api.ts";
import { toCsv } from "./csv.ts";

// The audit page's export: exactly the entries it shows (after its filters), as CSV for a
// spreadsheet or JSON for a script. The JSON keeps the /api shape, with the reason the page shows.

/**
 * An entry as the page shows it. Its reason is its own (given with the action, or its job's); an
 * entry written before the audit kept reasons gets its job's from the jobs read (withReasons).
 */
export type ShownEntry = AuditEntry;

export const csvHeader = ["id", "at (UTC)", "actor", "action", "job event", "target", "instances", "outcome", "error code", "error message", "operation id", "job id", "reason"] as const;

export function auditCsv(entries: readonly ShownEntry[]): string {
  return toCsv(
    csvHeader,
    entries.map((e) => [e.id, e.at, e.actor, e.action, e.jobEvent, e.target, e.instances.join(" "), e.outcome, e.error?.code, e.error?.message, e.operationId, e.jobId, e.reason]),
  );
}

export function auditJson(entries: readonly ShownEntry[]): string {
  return `${JSON.stringify(entries, null, 2)}\n`;
}

/** "rolecall-audit-contoso-web-production-20250101T120000Z.csv": what, and when it was taken. */
export function exportFileName(scope: string, ext: "csv" | "json", at: Date): string {
  const safe = scope.replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^-+|-+$/g, "") || "audit";
  const stamp = at.toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
  return `rolecall-audit-${safe}-${stamp}.${ext}`;
}

/** Each entry with its own reason, or else its job's when the jobs read name one. */
export function withReasons(entries: readonly AuditEntry[], reasons: ReadonlyMap<string, string>): ShownEntry[] {
  return entries.map((e) => {
    const reason = !e.reason && e.jobId ? reasons.get(e.jobId) : undefined;
    return reason ? { ...e, reason } : e;
  });
}
