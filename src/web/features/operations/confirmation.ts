import type { AvailabilityImpact } from "../../../shared/availability.ts";
import type { Deployment, Instance } from "../../../shared/api.ts";
import type { Action } from "../../../shared/names.ts";
import { actionVerbs, formatTime } from "../../lib/format.ts";

export interface ConfirmationRule {
  /** The word to type, or null when one click on Confirm is enough. */
  word: string | null;
  /** Why typing is required, in plain words (empty when it is not). */
  reasons: string[];
}

// Friction scales with what can be lost: a rebuild erases local data, so it always makes the
// operator type the instance's name (or the target's, for several), which forces reading it; so do
// production and leaving any role with no ready instance, whatever the action.
export function confirmationRule(action: Action, production: boolean, impacts: readonly AvailabilityImpact[], targetNames: readonly string[], targetName: string): ConfirmationRule {
  const reasons: string[] = [];
  if (action === "rebuild") reasons.push(`Rebuild erases all local data on ${targetNames.length === 1 ? targetNames[0] : `${targetNames.length} instances`}; it cannot be undone.`);
  if (production) reasons.push("This is the production slot.");
  for (const i of impacts) {
    if (i.outage) reasons.push(i.readyNow === 0 ? `Role ${i.role} already has no ready instance (outage).` : `Role ${i.role} will have no ready instance while this runs (outage).`);
  }
  if (reasons.length === 0) return { word: null, reasons };
  return { word: targetNames.length === 1 && targetNames[0] ? targetNames[0] : targetName, reasons };
}

export function typedWordMatches(rule: ConfirmationRule, typed: string): boolean {
  return rule.word === null || typed.trim() === rule.word;
}

export interface StatusChange {
  name: string;
  role: string;
  before: string;
  /** null when the instance no longer exists. */
  after: string | null;
}

/**
 * Statuses that moved between the copy the dialog opened on and fresh data, for the instances
 * whose status decides the consequence: the targets and the other instances of their roles.
 */
export function statusChanges(before: readonly Instance[], after: readonly Instance[], targetNames: readonly string[]): StatusChange[] {
  const roles = new Set(before.filter((i) => targetNames.includes(i.name)).map((i) => i.role));
  const now = new Map(after.map((i) => [i.name, i.status]));
  const out: StatusChange[] = [];
  for (const i of before) {
    if (!roles.has(i.role)) continue;
    const next = now.get(i.name) ?? null;
    if (next !== i.status) out.push({ name: i.name, role: i.role, before: i.status, after: next });
  }
  return out;
}

/** The outage sentence: a role already down is not "going" down, and saying so hides that. */
export function outageWarning(i: AvailabilityImpact): string {
  return i.readyNow === 0
    ? `Outage warning: ${i.role} already has no ready instance; it stays without one until this finishes.`
    : `Outage warning: ${i.role} will have no ready instance until this finishes.`;
}

/**
 * A job's impact for the confirmation rule: per role, the step that leaves it with the fewest ready
 * instances (the job takes one step at a time, so that step is the worst it gets).
 */
export function worstStepImpacts(perStep: readonly (readonly AvailabilityImpact[])[]): AvailabilityImpact[] {
  const worst = new Map<string, AvailabilityImpact>();
  for (const impacts of perStep) {
    for (const i of impacts) {
      const seen = worst.get(i.role);
      if (!seen || i.readyDuring < seen.readyDuring) worst.set(i.role, i);
    }
  }
  return [...worst.values()];
}

/**
 * Why an open confirmation may not act, read from the target's latest poll: an operation or a
 * running job that someone started on it meanwhile, named with who started what and when.
 */
export function targetBusyReason(d: Pick<Deployment, "inFlight" | "job">): string | null {
  const op = d.inFlight.find((o) => o.status === "InProgress");
  if (op) {
    return `${op.requestedBy} started ${actionVerbs[op.action]} of ${op.instances.join(", ")} at ${formatTime(op.requestedAt)}: Confirm is off until it ends (Azure allows one operation at a time on a target).`;
  }
  const job = d.job;
  if (job?.state === "running") {
    return `${job.requestedBy} started a ${actionVerbs[job.action].toLowerCase()} job on this target at ${formatTime(job.requestedAt)} (step ${Math.min(job.stepsDone + 1, job.steps)} of ${job.steps}): Confirm is off while it runs.`;
  }
  return null;
}
