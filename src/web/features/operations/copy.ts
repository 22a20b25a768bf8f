import type { Action } from "../../../shared/names.ts";

/** How much an action can lose, in rising order: it sets the dialog's weight and its friction. */
export type ActionRisk = "low" | "medium" | "high";

export interface ActionWords {
  verb: string;
  /** "rebooted": what the instance is once the action completed. */
  past: string;
  effect: string;
  detail: string;
  risk: ActionRisk;
  /** What the instance keeps, and what it loses, said in the dialog before Confirm. */
  kept: string;
  lost: string;
}

// What each action does, in the words the buttons and the dialog use (reference: reboot keeps the
// local disk; reimage puts a fresh OS image and tries to keep local storage; rebuild erases it).
export const actionCopy: Record<Action, ActionWords> = {
  reimage: {
    verb: "Reimage",
    past: "reimaged",
    effect: "fresh OS, local data may be lost",
    detail: "Puts a fresh guest OS image on the instance and restarts it. Azure tries to keep local storage resources but does not promise it.",
    risk: "medium",
    kept: "The role's package and configuration; local storage resources if Azure manages to keep them.",
    lost: "The guest OS disk and anything installed or written on it; local storage resources may be lost too.",
  },
  reboot: {
    verb: "Reboot",
    past: "rebooted",
    effect: "restart, local data kept",
    detail: "Restarts the guest OS. The local disk is kept; anything only in memory is lost.",
    risk: "low",
    kept: "The guest OS disk and every local storage resource.",
    lost: "Anything held only in memory (sessions, caches, work in progress).",
  },
  rebuild: {
    verb: "Rebuild",
    past: "rebuilt",
    effect: "fresh OS, local data erased",
    detail: "Puts a fresh guest OS image on the instance and re-initialises its local storage: all local data on the instance is erased.",
    risk: "high",
    kept: "Only the role's package and configuration.",
    lost: "Everything local: the guest OS disk and every local storage resource are erased, and cannot be recovered.",
  },
};

export const actionOrder: readonly Action[] = ["reimage", "reboot", "rebuild"];

/** From what loses least to what loses most: the order of the row's action menu. */
export const frictionOrder: readonly Action[] = ["reboot", "reimage", "rebuild"];
