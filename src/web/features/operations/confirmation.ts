import type { AvailabilityImpact } from "../../../shared/availability.ts";
import type { Slot } from "../../../shared/names.ts";

export interface ConfirmationRule {
  /** The word to type, or null when one click on Confirm is enough. */
  word: string | null;
  /** Why typing is required, in plain words (empty when it is not). */
  reasons: string[];
}

// Friction scales with risk: production, or leaving any role with no ready instance, makes the
// operator type the target's name, which forces reading it.
export function confirmationRule(slot: Slot, impacts: readonly AvailabilityImpact[], targetNames: readonly string[], service: string): ConfirmationRule {
  const reasons: string[] = [];
  if (slot === "production") reasons.push("This is the production slot.");
  for (const i of impacts) {
    if (i.outage) reasons.push(`Role ${i.role} will have no ready instance while this runs (outage).`);
  }
  if (reasons.length === 0) return { word: null, reasons };
  return { word: targetNames.length === 1 && targetNames[0] ? targetNames[0] : service, reasons };
}

export function typedWordMatches(rule: ConfirmationRule, typed: string): boolean {
  return rule.word === null || typed.trim() === rule.word;
}
