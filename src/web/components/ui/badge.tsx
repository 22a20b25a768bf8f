import type { ReactNode } from "react";
import { slotWord } from "../../lib/targets.ts";

export type BadgeTone = "ok" | "transitional" | "stopped" | "failed" | "unknown" | "neutral" | "danger" | "info";

// Solid light/dark pairs chosen for at least 4.5:1 text contrast (axe checks this).
export const toneClasses: Record<BadgeTone, string> = {
  ok: "bg-green-100 text-green-900 ring-green-300 dark:bg-green-950 dark:text-green-200 dark:ring-green-800",
  transitional: "bg-blue-100 text-blue-900 ring-blue-300 dark:bg-blue-950 dark:text-blue-200 dark:ring-blue-800",
  stopped: "bg-slate-200 text-slate-800 ring-slate-300 dark:bg-slate-800 dark:text-slate-200 dark:ring-slate-600",
  failed: "bg-red-100 text-red-900 ring-red-300 dark:bg-red-950 dark:text-red-200 dark:ring-red-800",
  unknown: "bg-amber-100 text-amber-900 ring-amber-300 dark:bg-amber-950 dark:text-amber-200 dark:ring-amber-800",
  neutral: "bg-slate-100 text-slate-800 ring-slate-300 dark:bg-slate-800 dark:text-slate-200 dark:ring-slate-600",
  danger: "bg-red-700 text-white ring-red-800 dark:bg-red-600 dark:text-white dark:ring-red-500",
  info: "bg-indigo-100 text-indigo-900 ring-indigo-300 dark:bg-indigo-950 dark:text-indigo-200 dark:ring-indigo-800",
};

export function Badge({ tone = "neutral", children, className = "" }: { tone?: BadgeTone; children: ReactNode; className?: string }) {
  return (
    <span className={`inline-flex items-center gap-1 rounded px-1.5 py-0.5 text-xs font-semibold ring-1 ring-inset ${toneClasses[tone]} ${className}`}>
      {children}
    </span>
  );
}

/** The production marker: the same loud tag wherever a production slot appears. */
export function ProductionTag() {
  return (
    <Badge tone="danger" className="tracking-wide uppercase">
      Production
    </Badge>
  );
}

/**
 * A slot as a tag: production is the loud tag whatever the kind (a Cloud Services (extended support)
 * production slot is as live as a classic one, though only classic production asks for a typed
 * word); any other slot, a quiet one.
 */
export function SlotTag({ slot }: { slot: string | undefined }) {
  if (!slot) return null;
  if (slot.toLowerCase() === "production") return <ProductionTag />;
  return <Badge tone="info">{slotWord(slot)}</Badge>;
}
