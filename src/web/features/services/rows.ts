import type { ArmTargetSummary, CloudService } from "../../../shared/api.ts";
import { slots, type Slot } from "../../../shared/names.ts";
import type { TargetKind } from "../../../shared/targets.ts";
import { pageTargetOf, type PageTarget } from "../../lib/targets.ts";

// The start page lists every kind of target in one table, one row per cloud service: a classic
// service with its production and staging deployments, an extended cloud service in the column
// of its slotType with its swappable peer in the other, or a scale set (it has no slots: it serves
// in the production column). Each list endpoint's reply becomes these
// rows here, so the table and the page never ask which kind a row is.

/** The kinds the start page lists, in its order: those with a page of their own. */
export const listedKinds = ["classic", "extended", "scaleset"] as const satisfies readonly TargetKind[];
export type ListedKind = (typeof listedKinds)[number];

export const kindLabels: Record<ListedKind, string> = { classic: "Classic", extended: "Extended support", scaleset: "Scale set" };
/** Each kind's list, named in a sentence ("Could not load the …"). */
export const kindLists: Record<ListedKind, string> = { classic: "classic cloud services", extended: "cloud services (extended support)", scaleset: "virtual machine scale sets" };

/** Of the kinds this Rolecall serves (`config.kinds`), those the start page lists. */
export function servedListedKinds(served: readonly TargetKind[]): ListedKind[] {
  return listedKinds.filter((k) => served.includes(k));
}

/** A target serving in a slot, with its counts; `readyCount` is absent when the proxy did not count. */
export interface SlotTarget {
  target: PageTarget;
  status: string;
  instanceCount: number;
  readyCount: number | undefined;
}

/** What a slot column shows: the target serving there, or the swappable peer that serves there. */
export type SlotCell = SlotTarget | { peer: PageTarget };

export interface ServiceRow {
  key: string;
  kind: ListedKind;
  name: string;
  /** A classic service's label (empty when it has none). */
  label: string;
  resourceGroup: string | undefined;
  location: string;
  slots: Partial<Record<Slot, SlotCell>>;
  /** The target has no slots (a scale set): its cell carries no slot badge, the other says so. */
  slotless?: true;
}

export function classicRows(sub: string, services: readonly CloudService[]): ServiceRow[] {
  return services.map((s) => {
    const cells: Partial<Record<Slot, SlotCell>> = {};
    for (const d of s.deployments) {
      cells[d.slot] = { target: { kind: "classic", subscription: sub, service: s.name, slot: d.slot }, status: d.status, instanceCount: d.instanceCount, readyCount: d.readyCount };
    }
    return { key: `classic/${s.name}`, kind: "classic", name: s.name, label: s.label, resourceGroup: undefined, location: s.location, slots: cells };
  });
}

// Azure's default slotType is Production.
const slotOfType = (slotType: string | undefined): Slot => (slotType?.toLowerCase() === "staging" ? "staging" : "production");

export function extendedRows(sub: string, list: readonly ArmTargetSummary[]): ServiceRow[] {
  return list.map((c) => {
    const slot = slotOfType(c.slotType);
    const other = slots.find((s) => s !== slot) ?? "staging";
    const peer = pageTargetOf(c.peer);
    const target: PageTarget = { kind: "extended", subscription: sub, resourceGroup: c.resourceGroup, name: c.name };
    const cells: Partial<Record<Slot, SlotCell>> = { [slot]: { target, status: c.status, instanceCount: c.instanceCount, readyCount: c.readyCount } };
    if (peer) cells[other] = { peer };
    return { key: `extended/${c.resourceGroup}/${c.name}`, kind: "extended", name: c.name, label: "", resourceGroup: c.resourceGroup, location: c.location, slots: cells };
  });
}

export function scaleSetRows(sub: string, list: readonly ArmTargetSummary[]): ServiceRow[] {
  return list.map((v) => {
    const target: PageTarget = { kind: "scaleset", subscription: sub, resourceGroup: v.resourceGroup, name: v.name };
    const production: SlotCell = { target, status: v.status, instanceCount: v.instanceCount, readyCount: v.readyCount };
    return { key: `scaleset/${v.resourceGroup}/${v.name}`, kind: "scaleset", name: v.name, label: "", resourceGroup: v.resourceGroup, location: v.location, slots: { production }, slotless: true };
  });
}

export function matchesRow(row: ServiceRow, q: string): boolean {
  const needle = q.trim().toLowerCase();
  if (!needle) return true;
  return [row.name, row.label, row.location, row.resourceGroup ?? ""].some((v) => v.toLowerCase().includes(needle));
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });

/** By name, then resource group; the order never depends on which list answered first. */
export function sortRows(rows: readonly ServiceRow[]): ServiceRow[] {
  return [...rows].sort((a, b) => collator.compare(a.name, b.name) || collator.compare(a.resourceGroup ?? "", b.resourceGroup ?? "") || collator.compare(a.key, b.key));
}
