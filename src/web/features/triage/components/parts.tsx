import type { TargetKind } from "../../../../shared/targets.ts";
import type { TriageFailure, TriageRow } from "../../../../shared/triage.ts";
import { ApiCallError } from "../../../lib/api-client.ts";
import { explainError } from "../../../lib/errors.ts";
import { formatAgo, formatDateTime } from "../../../lib/format.ts";
import { Link } from "../../../lib/router.tsx";
import { pageTargetOf, targetHref } from "../../../lib/targets.ts";

// Pieces the table and the cards share: links into target pages, the first-seen time, and the
// words for a target that could not be read.

export const link = "text-blue-800 underline underline-offset-2 dark:text-blue-300";

/** The start page's words for each kind (feature folders keep their own). */
export const kindWords: Record<TargetKind, string> = { classic: "Classic", extended: "Extended support", scaleset: "Scale set" };
const kindLists: Record<TargetKind, string> = { classic: "classic cloud services", extended: "cloud services (extended support)", scaleset: "scale sets" };

/**
 * The instance, opened on its target's page (its details and actions in view). Names repeat across
 * targets (every deployment has a WebFrontend_IN_0), so the link's name says where, for screen readers
 * (starting with the visible name, so speech input finds it).
 */
export function InstanceLink({ row, className = "" }: { row: TriageRow; className?: string }) {
  const ref = pageTargetOf(row.target);
  if (!ref) return <span className={`font-mono ${className}`}>{row.instance.name}</span>;
  return (
    <Link to={targetHref(ref, { instance: row.instance.name })} aria-label={`${row.instance.name} in ${row.label}`} className={`${link} font-mono ${className}`}>
      {row.instance.name}
    </Link>
  );
}

/** The target's page; plain text for a path the SPA cannot open. */
export function TargetLink({ target, label }: { target: string | undefined; label: string }) {
  const ref = pageTargetOf(target);
  return ref ? <Link to={targetHref(ref)} className={link}>{label}</Link> : <span>{label}</span>;
}

/** "12 min ago" over the date and time; a dash when Rolecall has not seen it not ready. */
export function FirstSeen({ at, now }: { at: string | undefined; now: number }) {
  if (!at) return <span className="text-slate-700 dark:text-slate-300">—</span>;
  return (
    <time dateTime={at} className="flex flex-col">
      <span>{formatAgo(Date.parse(at), now)}</span>
      <span className="text-xs text-slate-700 dark:text-slate-300">{formatDateTime(at)}</span>
    </time>
  );
}

/** A failed read in the words the rest of the dashboard uses for that code. */
export function failureWords(f: TriageFailure): string {
  return explainError(new ApiCallError("http", f.error.message, { method: "GET", body: f.error }));
}

/** What could not be read: a target, or a kind's whole list. */
export function failureTitle(f: TriageFailure): string {
  return f.label ? `Could not read ${f.label}` : `Could not list the ${kindLists[f.kind]}`;
}
