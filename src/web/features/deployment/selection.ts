import type { Instance } from "../../../shared/api.ts";
import { instanceNamePattern } from "../../../shared/names.ts";

// The instances chosen for a rolling job live in the URL (`sel=Web_IN_0,Web_IN_1`, DESIGN.md §4):
// pure helpers here read, change and write that list; the page only wires them to clicks.

const byName = new Intl.Collator("en", { numeric: true, sensitivity: "base" }).compare;

/** `sel` from the URL: valid names only, each once; a hand-edited link still opens. */
export function parseSelection(sel: string | undefined): string[] {
  if (!sel) return [];
  return [...new Set(sel.split(",").map((s) => s.trim()).filter((s) => instanceNamePattern.test(s)))];
}

/** The list as the URL keeps it: natural order, so the same choice makes the same link. */
export function formatSelection(names: Iterable<string>): string | undefined {
  const list = [...new Set(names)].sort(byName);
  return list.length > 0 ? list.join(",") : undefined;
}

/** Only names the target still has and that can be chosen: a shared link may name instances that are gone or protected. */
export function knownSelection(selected: readonly string[], instances: readonly Pick<Instance, "name" | "protectedFromActions">[]): string[] {
  const known = new Set(instances.filter((i) => !i.protectedFromActions).map((i) => i.name));
  return selected.filter((n) => known.has(n));
}

/**
 * A click on an instance's checkbox. With shift and an anchor (the last plain click), every
 * instance shown between the two takes the clicked one's new state, as in a file manager.
 */
export function clickSelection(selected: readonly string[], shown: readonly string[], name: string, anchor: string | undefined, shift: boolean): string[] {
  const set = new Set(selected);
  const on = !set.has(name);
  const from = anchor === undefined ? -1 : shown.indexOf(anchor);
  const to = shown.indexOf(name);
  const range = shift && from >= 0 && to >= 0 ? shown.slice(Math.min(from, to), Math.max(from, to) + 1) : [name];
  for (const n of range) {
    if (on) set.add(n);
    else set.delete(n);
  }
  return [...set];
}

/** The role header's checkbox: all of the role selected, or none of it. */
export function roleState(selected: ReadonlySet<string>, members: readonly string[]): "all" | "some" | "none" {
  const n = members.filter((m) => selected.has(m)).length;
  return n === 0 ? "none" : n === members.length ? "all" : "some";
}

export function toggleRole(selected: readonly string[], members: readonly string[]): string[] {
  const set = new Set(selected);
  const all = roleState(set, members) === "all";
  for (const m of members) {
    if (all) set.delete(m);
    else set.add(m);
  }
  return [...set];
}

/** Instances a job may name: Azure refuses actions on protected ones, so no pick ever adds them. */
export function choosable(instances: readonly Instance[]): Instance[] {
  return instances.filter((i) => !i.protectedFromActions);
}

/** Instances that are not ready now (only `ok` counts as ready, as everywhere). */
export function notReadyNames(instances: readonly Instance[]): string[] {
  return choosable(instances).filter((i) => i.tone !== "ok").map((i) => i.name);
}

export function upgradeDomainNames(instances: readonly Instance[], domain: number): string[] {
  return choosable(instances).filter((i) => i.upgradeDomain === domain).map((i) => i.name);
}

export function upgradeDomains(instances: readonly Instance[]): number[] {
  return [...new Set(instances.map((i) => i.upgradeDomain))].sort((a, b) => a - b);
}
