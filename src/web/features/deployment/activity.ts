import type { Operation } from "../../../shared/domain.ts";

const verbs = { reimage: "Reimage", reboot: "Reboot", rebuild: "Rebuild" } as const;

function hhmmss(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit", second: "2-digit" });
}

/** instance name → "Reimage requested by Ada · 10:02:03", for operations still running. */
export function activityByInstance(ops: readonly Operation[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const op of ops) {
    if (op.status !== "InProgress") continue;
    const text = `${verbs[op.action]} requested by ${op.requestedBy} · ${hhmmss(op.requestedAt)}`;
    for (const name of op.instances) if (!out.has(name)) out.set(name, text);
  }
  return out;
}

/** Why actions are unavailable on this deployment right now, or null. */
export function busyReason(inFlight: readonly Operation[]): string | null {
  const op = inFlight.find((o) => o.status === "InProgress");
  if (!op) return null;
  return `Actions are unavailable while ${verbs[op.action]} of ${op.instances.join(", ")} (requested by ${op.requestedBy} at ${hhmmss(op.requestedAt)}) runs: Azure allows one operation per deployment at a time.`;
}
