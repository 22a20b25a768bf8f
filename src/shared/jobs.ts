import type { Instance } from "./api.ts";

// The plan and the guard of a rolling job (DESIGN.md §4, issue #10): pure, so the SPA shows the same
// plan the proxy runs.

export const jobBatches = ["upgradeDomain", "instance"] as const;
export type JobBatch = (typeof jobBatches)[number];

export interface PlannedStep {
  index: number;
  /** Set when steps go by upgrade domain. */
  upgradeDomain?: number;
  instances: string[];
}

/** What is wrong with a job's instance list, in plain words; empty when it can run. */
export function jobListProblems(instances: readonly Pick<Instance, "name">[], chosen: readonly string[]): string[] {
  if (chosen.length === 0) return ["Choose at least one instance: an empty list would mean every instance to Azure."];
  const known = new Map(instances.map((i) => [i.name.toLowerCase(), i.name]));
  const seen = new Set<string>();
  const problems: string[] = [];
  for (const name of chosen) {
    const key = name.toLowerCase();
    if (name === "*" || !known.has(key)) problems.push(`"${name}" is not an instance of this target.`);
    else if (seen.has(key)) problems.push(`"${name}" is listed twice.`);
    seen.add(key);
  }
  return problems;
}

/** The chosen names Azure protects from actions through their target (a scale set's protection policy). */
export function protectedChosen(instances: readonly Pick<Instance, "name" | "protectedFromActions">[], chosen: readonly string[]): string[] {
  const guarded = new Set(instances.filter((i) => i.protectedFromActions === true).map((i) => i.name.toLowerCase()));
  return chosen.filter((n) => guarded.has(n.toLowerCase()));
}

const byName = new Intl.Collator("en", { numeric: true, sensitivity: "base" }).compare;

/**
 * The steps of a job over `chosen` (names already checked with jobListProblems): by upgrade domain
 * ascending, or one instance at a time with the instances that are not ready first (they add no
 * outage, and fixing them restores capacity soonest). Within a step, names in natural order.
 */
export function planJob(instances: readonly Instance[], chosen: readonly string[], batch: JobBatch): PlannedStep[] {
  const wanted = new Set(chosen.map((n) => n.toLowerCase()));
  const targets = instances.filter((i) => wanted.has(i.name.toLowerCase()));
  if (batch === "instance") {
    const ordered = [...targets].sort((a, b) => Number(a.tone === "ok") - Number(b.tone === "ok") || byName(a.name, b.name));
    return ordered.map((i, index) => ({ index, instances: [i.name] }));
  }
  const domains = [...new Set(targets.map((i) => i.upgradeDomain))].sort((a, b) => a - b);
  return domains.map((upgradeDomain, index) => ({
    index,
    upgradeDomain,
    instances: targets.filter((i) => i.upgradeDomain === upgradeDomain).map((i) => i.name).sort(byName),
  }));
}

export interface RoleFloor {
  role: string;
  size: number;
  readyNow: number;
  /** Ready instances of the role while the step's instances are out of service. */
  readyDuring: number;
  /** The fewest ready instances the job may leave: ceil(minReadyPercent% × size), and at least 1. */
  floor: number;
  ok: boolean;
}

/**
 * The guard before a step: for every role the step touches, the ready instances now minus the
 * step's instances that are ready now must stay at or above the floor. `ok` only when every role is.
 */
export function guardStep(instances: readonly Instance[], step: readonly string[], minReadyPercent: number): { ok: boolean; roles: RoleFloor[] } {
  const inStep = new Set(step.map((n) => n.toLowerCase()));
  const roles = [...new Set(instances.filter((i) => inStep.has(i.name.toLowerCase())).map((i) => i.role))];
  const floors = roles.map((role): RoleFloor => {
    const ofRole = instances.filter((i) => i.role === role);
    const readyNow = ofRole.filter((i) => i.tone === "ok").length;
    const readyDuring = ofRole.filter((i) => i.tone === "ok" && !inStep.has(i.name.toLowerCase())).length;
    // In whole numbers: 0.55 × 100 is 55.000000000000007 in floating point, a floor one too high.
    const floor = Math.max(1, Math.ceil((minReadyPercent * ofRole.length) / 100));
    return { role, size: ofRole.length, readyNow, readyDuring, floor, ok: readyDuring >= floor };
  });
  return { ok: floors.every((f) => f.ok), roles: floors };
}
