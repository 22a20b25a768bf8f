import type { Action } from "../../../shared/names.ts";

// What each action does, in the words the buttons and the dialog use (reference: reboot keeps the
// local disk; reimage puts a fresh OS image and tries to keep local storage; rebuild erases it).
export const actionCopy: Record<Action, { verb: string; effect: string; detail: string; risk: "low" | "medium" | "high" }> = {
  reimage: {
    verb: "Reimage",
    effect: "fresh OS, local data may be lost",
    detail: "Puts a fresh guest OS image on the instance and restarts it. Azure tries to keep local storage resources but does not promise it.",
    risk: "medium",
  },
  reboot: {
    verb: "Reboot",
    effect: "restart, local data kept",
    detail: "Restarts the guest OS. The local disk is kept; anything only in memory is lost.",
    risk: "low",
  },
  rebuild: {
    verb: "Rebuild",
    effect: "fresh OS, local data erased",
    detail: "Puts a fresh guest OS image on the instance and re-initialises its local storage: all local data on the instance is erased.",
    risk: "high",
  },
};

export const actionOrder: readonly Action[] = ["reimage", "reboot", "rebuild"];
