import type { StatusTone } from "../shared/status-catalog.ts";
import { targetLabel, targetPath, type TargetRef } from "../shared/targets.ts";
import { matchesInstance, TRIAGE_ROW_LIMIT, type TriageRow, type TriageTarget } from "../shared/triage.ts";
import type { TargetData } from "./backends/types.ts";
import type { FirstSeen } from "./triage-first-seen.ts";
import type { Read } from "./upstream/last-good.ts";

// The rows of the triage view from reads of targets (routes/triage.ts does the reading): what
// matches, when each sick instance was first seen so, and in which order a person should look.

export interface TriageFilter {
  notReady: boolean;
  /** Trimmed and lower-cased. */
  q: string | undefined;
}

/** Worst first: a failed instance needs a person more than one that is on its way back. */
const severity: Record<StatusTone, number> = { failed: 0, unknown: 1, stopped: 2, transitional: 3, ok: 4 };
const collator = new Intl.Collator("en", { numeric: true, sensitivity: "base" });

/**
 * One target's matching rows and its counts. Every fresh read of a target has already told
 * `firstSeen` what it saw (reads.ts), whichever page asked for it; a last good copy told it nothing.
 */
export function triageTarget(ref: TargetRef, read: Read<TargetData>, filter: TriageFilter, firstSeen: FirstSeen): { target: TriageTarget; rows: TriageRow[] } {
  const path = targetPath(ref);
  const label = targetLabel(ref);
  const instances = read.value.instances;
  const notReady = instances.filter((i) => i.tone !== "ok").map((i) => i.name);
  const since = firstSeen.recall(path);
  const rows: TriageRow[] = [];
  for (const instance of instances) {
    if (filter.notReady && instance.tone === "ok") continue;
    if (filter.q !== undefined && !matchesInstance(instance, filter.q)) continue;
    const first = instance.tone === "ok" ? undefined : since.get(instance.name);
    rows.push({ target: path, kind: ref.kind, label, instance, ...(first !== undefined ? { firstSeenNotReady: new Date(first).toISOString() } : {}) });
  }
  const target: TriageTarget = { target: path, kind: ref.kind, label, instanceCount: instances.length, notReadyCount: notReady.length, ...(read.stale ? { stale: read.stale } : {}) };
  return { target, rows };
}

/** Worst first, then the longest sick, then by target and name; at most TRIAGE_ROW_LIMIT. */
export function orderRows(rows: TriageRow[]): { rows: TriageRow[]; matched: number; truncated: boolean } {
  const sorted = rows.sort(
    (a, b) =>
      severity[a.instance.tone] - severity[b.instance.tone] ||
      (a.firstSeenNotReady ?? "~").localeCompare(b.firstSeenNotReady ?? "~") ||
      collator.compare(a.label, b.label) ||
      collator.compare(a.instance.name, b.instance.name),
  );
  return { rows: sorted.slice(0, TRIAGE_ROW_LIMIT), matched: rows.length, truncated: rows.length > TRIAGE_ROW_LIMIT };
}
