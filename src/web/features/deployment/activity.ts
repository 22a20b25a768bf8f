import type { Operation } from "../../../shared/api.ts";
import { actionVerbs as verbs, formatTime } from "../../lib/format.ts";

/** instance name → "Reimage requested by Ada · 10:02:03", for operations still running. */
export function activityByInstance(ops: readonly Operation[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const op of ops) {
    if (op.status !== "InProgress") continue;
    const text = `${verbs[op.action]} ${op.unconfirmed ? "may have started (unconfirmed), " : ""}requested by ${op.requestedBy} · ${formatTime(op.requestedAt)}`;
    for (const name of op.instances) if (!out.has(name)) out.set(name, text);
  }
  return out;
}

/** Why actions are unavailable on this target right now, or null. */
export function busyReason(inFlight: readonly Operation[]): string | null {
  const op = inFlight.find((o) => o.status === "InProgress");
  if (!op) return null;
  if (op.unconfirmed) return `Actions are unavailable: a ${verbs[op.action].toLowerCase()} of ${op.instances.join(", ")} (requested by ${op.requestedBy} at ${formatTime(op.requestedAt)}) may have started, and Rolecall could not confirm it. It holds the target until Azure shows nothing running on it.`;
  return `Actions are unavailable while ${verbs[op.action]} of ${op.instances.join(", ")} (requested by ${op.requestedBy} at ${formatTime(op.requestedAt)}) runs: Azure allows one operation at a time per deployment or cloud service.`;
}
