// Time wording used across views. Absolute times use the browser's locale; relative ones are short.

/** How each action is named in the UI. */
export const actionVerbs = { reimage: "Reimage", reboot: "Reboot", rebuild: "Rebuild" } as const;

/** The audit log stores machine values for outcomes (shared AuditOutcome); people read these words. */
export const auditOutcomeWords = {
  pending: "Sending to Azure",
  accepted: "Accepted by Azure",
  InProgress: "In progress",
  Succeeded: "Succeeded",
  Failed: "Failed",
  rejected: "Refused",
  unknown: "Outcome unknown",
} as const;

/** A rolling job's own events in the audit log (shared JobEventKind), as a sentence ends. */
export const jobEventWords = { started: "started", paused: "paused", resumed: "resumed", cancelled: "cancelled", succeeded: "finished" } as const;

/** "2025-01-01 10:31:05 UTC": one clock for everyone reading a pasted summary or an export. */
export function formatUtc(iso: string | number): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  return `${d.toISOString().slice(0, 19).replace("T", " ")} UTC`;
}

export function formatAgo(thenMs: number, nowMs: number): string {
  const s = Math.max(0, Math.round((nowMs - thenMs) / 1000));
  if (s < 60) return `${s} s ago`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ago`;
  const h = Math.floor(m / 60);
  return `${h} h ${m % 60} min ago`;
}

export function formatTime(iso: string | number): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  return d.toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit", second: "2-digit" });
}

export function formatDateTime(iso: string | number): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  return d.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "medium" });
}

/** A wait, in whole seconds: "40 s", "2 min 5 s", "1 h 10 min". */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return s % 60 ? `${m} min ${s % 60} s` : `${m} min`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}
