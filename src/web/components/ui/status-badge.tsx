import { memo, useId } from "react";
import { describeStatus, type StatusTone } from "../../../shared/status-catalog.ts";
import { toneClasses } from "./badge.tsx";

// Colour + text + icon, never colour alone. Transitional states spin (unless the user asked for
// reduced motion). The meaning shows on hover and on keyboard focus, and is read by screen readers.
// Colour and icon follow the tone the proxy sent (it knows every upstream kind); the catalog gives
// the label and the meaning.

function ToneIcon({ tone }: { tone: StatusTone }) {
  const common = { width: 12, height: 12, viewBox: "0 0 16 16", "aria-hidden": true, fill: "none", stroke: "currentColor", strokeWidth: 2 } as const;
  switch (tone) {
    case "ok":
      return (
        <svg {...common}>
          <path d="M3 8.5 6.5 12 13 4.5" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
      );
    case "transitional":
      return (
        <svg {...common} className="motion-safe:animate-spin">
          <path d="M8 2a6 6 0 1 1-6 6" strokeLinecap="round" />
        </svg>
      );
    case "stopped":
      return (
        <svg {...common}>
          <rect x="4" y="4" width="8" height="8" rx="1" />
        </svg>
      );
    case "failed":
      return (
        <svg {...common}>
          <path d="M4 4l8 8M12 4l-8 8" strokeLinecap="round" />
        </svg>
      );
    default:
      return (
        <svg {...common}>
          <path d="M6 6a2 2 0 1 1 2.5 1.9c-.3.1-.5.4-.5.8V9.5M8 12v.01" strokeLinecap="round" />
        </svg>
      );
  }
}

interface StatusBadgeProps {
  status: string;
  tone: StatusTone;
  focusable?: boolean;
  /**
   * Lets a caller name the meaning's element, so a neighbouring control (a table row's name button)
   * can point at it with aria-describedby instead of the badge costing a tab stop of its own.
   */
  tipId?: string;
}

export const StatusBadge = memo(function StatusBadge({ status, tone, focusable = false, tipId: givenTipId }: StatusBadgeProps) {
  const info = describeStatus(status);
  // Azure may report a status at level Error (ARM instance views): the proxy makes it failed whatever
  // its code says. A red "Busy" beside a blue one would be one word with two meanings.
  const errorOf = tone === "failed" && info.known && info.tone !== "failed";
  const label = errorOf ? `${info.label} (error)` : info.label;
  const meaning = errorOf ? `Azure reports this status as an error: ${info.meaning} The instance's details give Azure's message.` : info.meaning;
  const ownTipId = useId();
  const tipId = givenTipId ?? ownTipId;
  return (
    <span className="group/badge relative inline-flex">
      <span
        className={`inline-flex items-center gap-1 rounded px-1.5 py-0.5 text-xs font-semibold whitespace-nowrap ring-1 ring-inset ${toneClasses[tone]}`}
        tabIndex={focusable ? 0 : undefined}
        aria-describedby={tipId}
        data-status={info.value}
        data-tone={tone}
      >
        <ToneIcon tone={tone} />
        {label}
      </span>
      <span
        id={tipId}
        role="tooltip"
        // Not laid out at all until shown: an invisible box still widens the page (a sideways
        // scrollbar at 1440 px from a badge near the right edge). Hidden, it still names the badge.
        className="pointer-events-none absolute top-full left-0 z-20 mt-1 hidden w-64 max-w-[calc(100vw-2rem)] rounded bg-slate-900 px-2 py-1 text-xs text-white shadow group-focus-within/badge:block group-hover/badge:block dark:bg-slate-100 dark:text-slate-900"
      >
        {meaning}
      </span>
    </span>
  );
});
