import type { Instance } from "../../../shared/api.ts";
import { describeStatus, type StatusTone } from "../../../shared/status-catalog.ts";

// Pure view logic for the instance table: filter, sort, group by role. Row order must not depend on
// the order the server happens to return, so every sort ends with a tie-break on the name.
// Readiness and tone come from the proxy (`instance.tone`), which knows every upstream kind's
// statuses; the catalog here only supplies the label people search for.

/** Only `ok` counts as ready (DESIGN.md §4). */
export const isReadyInstance = (i: Pick<Instance, "tone">): boolean => i.tone === "ok";

export const toneFilters = ["notready", "ok", "transitional", "stopped", "failed", "unknown"] as const;
export type ToneFilter = (typeof toneFilters)[number];

export const toneFilterLabels: Record<ToneFilter, string> = {
  notready: "Not ready (anything but Ready)",
  ok: "Ready",
  transitional: "Changing",
  stopped: "Stopped",
  failed: "Failed",
  unknown: "Unknown",
};

export const sortKeys = ["name", "status", "upgradeDomain", "faultDomain", "size", "ipAddress"] as const;
export type SortKey = (typeof sortKeys)[number];
/** `name` ascending, `-name` descending. */
export const sortValues = [
  "name", "-name", "status", "-status", "upgradeDomain", "-upgradeDomain",
  "faultDomain", "-faultDomain", "size", "-size", "ipAddress", "-ipAddress",
] as const;
export type SortValue = (typeof sortValues)[number];

export const sortLabels: Record<SortKey, string> = {
  name: "Name",
  status: "Status",
  upgradeDomain: "Upgrade domain",
  faultDomain: "Fault domain",
  size: "Size",
  ipAddress: "IP address",
};

export interface ViewFilter {
  role?: string | undefined;
  tone?: ToneFilter | undefined;
  q?: string | undefined;
  sort?: SortValue | undefined;
}

export type TableItem =
  | { kind: "role"; role: string; ready: number; total: number; shown: number }
  /** `unmatched`: kept in place while the table is held, though it no longer matches the filter. */
  | { kind: "instance"; instance: Instance; unmatched?: boolean };

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });

// Problems first when sorting by status: failed, unknown, stopped, transitional, ok.
const toneRank: Record<StatusTone, number> = { failed: 0, unknown: 1, stopped: 2, transitional: 3, ok: 4 };

function compareBy(key: SortKey): (a: Instance, b: Instance) => number {
  switch (key) {
    case "status":
      return (a, b) => toneRank[a.tone] - toneRank[b.tone] || collator.compare(a.status, b.status);
    case "upgradeDomain":
      return (a, b) => a.upgradeDomain - b.upgradeDomain;
    case "faultDomain":
      return (a, b) => a.faultDomain - b.faultDomain;
    case "size":
      return (a, b) => collator.compare(a.size, b.size);
    case "ipAddress":
      return (a, b) => collator.compare(a.ipAddress ?? "", b.ipAddress ?? "");
    default:
      return () => 0;
  }
}

export function matchesTone(i: Pick<Instance, "tone">, tone: ToneFilter): boolean {
  return tone === "notready" ? !isReadyInstance(i) : i.tone === tone;
}

export function matchesText(i: Instance, q: string): boolean {
  const needle = q.trim().toLowerCase();
  if (!needle) return true;
  const info = describeStatus(i.status);
  return [i.name, i.role, i.status, info.label, i.ipAddress ?? "", i.hostName ?? "", i.stateDetails ?? "", i.size].some((v) =>
    v.toLowerCase().includes(needle),
  );
}

export function sortInstances(instances: readonly Instance[], sort: SortValue = "name"): Instance[] {
  const desc = sort.startsWith("-");
  const key = (desc ? sort.slice(1) : sort) as SortKey;
  const primary = compareBy(key);
  const sign = desc ? -1 : 1;
  return [...instances].sort((a, b) => sign * (primary(a, b) || collator.compare(a.name, b.name)) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Roles in server order (then any role only instances mention), each with its filtered, sorted rows. */
export function matchesFilter(i: Instance, f: ViewFilter): boolean {
  return (!f.role || f.role === i.role) && (!f.tone || matchesTone(i, f.tone)) && (!f.q || matchesText(i, f.q));
}

/**
 * `pinned`: instances kept on screen though they no longer match (marked `unmatched`), so that an
 * instance an operation just made ready does not vanish from a "Not ready" view without a word.
 */
export function buildTable(instances: readonly Instance[], roleOrder: readonly string[], f: ViewFilter, pinned: ReadonlySet<string> = new Set()): TableItem[] {
  const roles = [...new Set([...roleOrder, ...instances.map((i) => i.role)])];
  const items: TableItem[] = [];
  for (const role of roles) {
    if (f.role && f.role !== role) continue;
    const ofRole = instances.filter((i) => i.role === role);
    const matches = (i: Instance) => (!f.tone || matchesTone(i, f.tone)) && (!f.q || matchesText(i, f.q));
    const shown = ofRole.filter(matches);
    const ready = ofRole.filter(isReadyInstance).length;
    items.push({ kind: "role", role, ready, total: ofRole.length, shown: shown.length });
    const rows = sortInstances(ofRole.filter((i) => matches(i) || pinned.has(i.name)), f.sort);
    for (const instance of rows) items.push(matches(instance) ? { kind: "instance", instance } : { kind: "instance", instance, unmatched: true });
  }
  return items;
}

export function roleCounts(instances: readonly Instance[], roleOrder: readonly string[]): { role: string; ready: number; total: number }[] {
  const roles = [...new Set([...roleOrder, ...instances.map((i) => i.role)])];
  return roles.map((role) => {
    const of = instances.filter((i) => i.role === role);
    return { role, ready: of.filter(isReadyInstance).length, total: of.length };
  });
}
