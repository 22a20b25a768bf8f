import type { Slot } from "../../../../shared/names.ts";
import { targetLabel } from "../../../../shared/targets.ts";
import { SlotTag } from "../../../components/ui/badge.tsx";
import { DeploymentStatus } from "../../../components/ui/deployment-status.tsx";
import { Link } from "../../../lib/router.tsx";
import { targetHref } from "../../../lib/targets.ts";
import type { ServiceRow, SlotCell as Cell } from "../rows.ts";

/** One slot of a service: its status and size, a link to it, and one straight to its not-ready instances. */
export function SlotCell({ row, slot }: { row: ServiceRow; slot: Slot }) {
  const cell: Cell | undefined = row.slots[slot];
  if (!cell) return <span className="text-slate-600 dark:text-slate-400">{row.slotless ? "no slots" : "none"}</span>;
  if ("peer" in cell) {
    return (
      <Link to={targetHref(cell.peer)} className="text-blue-800 underline underline-offset-2 dark:text-blue-300">
        Swappable peer {targetLabel(cell.peer)}
      </Link>
    );
  }
  const { target, status, instanceCount, readyCount } = cell;
  // Older proxies send no readyCount; then the cell says nothing about readiness rather than guess.
  const notReady = readyCount === undefined ? 0 : instanceCount - readyCount;
  return (
    <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
      <Link
        to={targetHref(target)}
        className={`inline-flex flex-wrap items-center gap-2 rounded px-1 py-0.5 hover:underline ${slot === "production" ? "font-semibold" : ""}`}
        aria-label={`${row.name}${row.slotless ? "" : ` ${slot}`}: ${status}, ${instanceCount} instances${readyCount === undefined ? "" : `, ${readyCount} ready`}`}
      >
        {row.slotless ? null : <SlotTag slot={slot} />}
        <DeploymentStatus status={status} />
        <span className="text-slate-700 dark:text-slate-300">{instanceCount} inst.</span>
      </Link>
      {notReady > 0 ? (
        // The way from the start page to an unhealthy instance: straight to the not-ready filter.
        // Icon and words, not colour alone, carry the warning.
        <Link
          to={targetHref(target, { tone: "notready" })}
          className="inline-flex items-center gap-1 rounded px-1 py-0.5 font-semibold text-red-800 underline underline-offset-2 dark:text-red-300"
          aria-label={`${readyCount} of ${instanceCount} ready in ${row.name}${row.slotless ? "" : ` ${slot}`}: show the ${notReady} not ready`}
        >
          <span aria-hidden="true">⚠</span>
          {readyCount} of {instanceCount} ready
        </Link>
      ) : null}
    </div>
  );
}
