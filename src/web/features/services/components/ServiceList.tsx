import { Link } from "@tanstack/react-router";
import { useMemo } from "react";
import { slots, type Slot } from "../../../../shared/names.ts";
import { isProductionTarget, targetLabel } from "../../../../shared/targets.ts";
import { ProductionTag, Badge } from "../../../components/ui/badge.tsx";
import { DeploymentStatus } from "../../../components/ui/deployment-status.tsx";
import { slotWord, targetLink } from "../../../lib/targets.ts";
import { kindLabels, matchesRow, sortRows, type ListedKind, type ServiceRow, type SlotCell as Cell } from "../rows.ts";

function SlotCell({ row, slot }: { row: ServiceRow; slot: Slot }) {
  const cell: Cell | undefined = row.slots[slot];
  if (!cell) return <span className="text-slate-600 dark:text-slate-400">{row.slotless ? "no slots" : "none"}</span>;
  if ("peer" in cell) {
    return (
      <Link {...targetLink(cell.peer)} className="text-blue-800 underline underline-offset-2 dark:text-blue-300">
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
        {...targetLink(target)}
        className={`inline-flex flex-wrap items-center gap-2 rounded px-1 py-0.5 hover:underline ${slot === "production" ? "font-semibold" : ""}`}
        aria-label={`${row.name}${row.slotless ? "" : ` ${slot}`}: ${status}, ${instanceCount} instances${readyCount === undefined ? "" : `, ${readyCount} ready`}`}
      >
        {isProductionTarget(target) ? <ProductionTag /> : row.slotless ? null : <Badge tone="info">{slotWord(slot)}</Badge>}
        <DeploymentStatus status={status} />
        <span className="text-slate-700 dark:text-slate-300">{instanceCount} inst.</span>
      </Link>
      {notReady > 0 ? (
        // The way from the start page to an unhealthy instance: straight to the not-ready filter.
        // Icon and words, not colour alone, carry the warning.
        <Link
          {...targetLink(target)}
          search={{ tone: "notready" }}
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

/** Every listed cloud service of the subscription, whatever its kind, filtered by the page's search and kind. */
export function ServiceList({ rows, q, kind }: { rows: readonly ServiceRow[]; q: string; kind: ListedKind | undefined }) {
  const shown = useMemo(() => sortRows(rows.filter((r) => (!kind || r.kind === kind) && matchesRow(r, q))), [rows, q, kind]);
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Cloud services and their deployments</caption>
        <thead className="border-b border-slate-200 text-xs text-slate-700 uppercase dark:border-slate-800 dark:text-slate-300">
          <tr>
            <th scope="col" className="px-4 py-2">Cloud service</th>
            <th scope="col" className="px-4 py-2">Kind</th>
            <th scope="col" className="px-4 py-2">Location</th>
            {slots.map((s) => (
              <th key={s} scope="col" className="px-4 py-2">{slotWord(s)} slot</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {shown.map((r) => (
            <tr key={r.key} className="border-b border-slate-100 last:border-0 dark:border-slate-800">
              <th scope="row" className="px-4 py-2 font-medium">
                <div>{r.name}</div>
                {r.resourceGroup ? <div className="text-xs font-normal text-slate-600 dark:text-slate-400">Resource group {r.resourceGroup}</div> : null}
                {r.label && r.label !== r.name ? <div className="text-xs font-normal text-slate-600 dark:text-slate-400">{r.label}</div> : null}
              </th>
              <td className="px-4 py-2">{kindLabels[r.kind]}</td>
              <td className="px-4 py-2">{r.location}</td>
              {slots.map((s) => (
                <td key={s} className={`px-4 py-2 ${s === "production" ? "border-l-4 border-red-600" : ""}`}>
                  <SlotCell row={r} slot={s} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {shown.length === 0 ? (
        <p className="px-4 py-6 text-sm text-slate-700 dark:text-slate-300">
          {rows.length === 0 ? "This subscription has no cloud services." : q ? `No cloud service matches “${q}”.` : "No cloud service of this kind."}
        </p>
      ) : null}
    </div>
  );
}
