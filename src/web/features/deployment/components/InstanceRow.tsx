import { memo, useId } from "react";
import type { Instance } from "../../../../shared/api.ts";
import { StatusBadge } from "../../../components/ui/status-badge.tsx";
import { benchCountRowRender } from "../../../lib/bench.ts";
import { RowActionMenu } from "./row-actions.tsx";
import { RowOutcomeLine } from "./row-outcome.tsx";
import { RowCheckbox } from "./row-select.tsx";

export const ROW_HEIGHT = 44;

/** Why a protected instance cannot be chosen: Azure refuses actions on it through its scale set. */
export const protectedReason = "Protected from scale-set actions (its protection policy): Azure refuses reimage, restart and rebuild through the scale set, so it cannot be chosen.";

interface Props {
  instance: Instance;
  selected: boolean;
  /** "Reimage requested by … · 10:02:03" while an operation holds this instance. */
  activity: string | undefined;
  /** `byKeyboard`: opened with Enter/Space, so focus should follow to the details. */
  onSelect: (name: string, byKeyboard: boolean) => void;
  /** Held in place while the table is held, though it no longer matches the filter. */
  unmatched?: boolean;
  /** Show the zone and health cells (the table shows those columns). */
  zonal?: boolean;
}

// Azure words health after "HealthState/"; people read a capitalised word, and "—" when none is reported.
const healthWord = (h: string | undefined) => (h ? h.charAt(0).toUpperCase() + h.slice(1) : "—");

// Memoized on its props: the instance object keeps its identity across polls unless it changed
// (query structural sharing), so a poll that changes one instance re-renders one row.
export const InstanceRow = memo(function InstanceRow({ instance: i, selected, activity, onSelect, unmatched = false, zonal = false }: Props) {
  benchCountRowRender();
  const tipId = useId();
  const details = [i.stateDetails, i.errorCode ? `error ${i.errorCode}` : ""].filter(Boolean).join(" · ");
  // Opaque on the row and on its two sticky cells (name, action): when the table is narrower than
  // its columns (below 1440 px) the middle scrolls under them, and the action stays in reach.
  const bg = selected ? "bg-blue-50 dark:bg-blue-950" : unmatched ? "bg-amber-50 dark:bg-amber-950" : "bg-white group-hover/row:bg-slate-50 dark:bg-slate-900 dark:group-hover/row:bg-slate-800";
  return (
    <tr
      data-instance={i.name}
      style={{ height: ROW_HEIGHT }}
      data-unmatched={unmatched || undefined}
      // A row kept though it no longer matches is tinted, not faded: it stays on screen for a while
      // (a just-ready instance under "Not ready") and must stay readable.
      className={`group/row border-b border-slate-100 dark:border-slate-800 ${bg}`}
    >
      <th scope="row" className={`sticky left-0 z-[1] truncate px-3 text-left font-medium ${bg}`}>
        <span className="flex items-center gap-2">
          <RowCheckbox instance={i.name} protectedReason={i.protectedFromActions ? protectedReason : undefined} />
          <button
            type="button"
            className="min-w-0 truncate rounded text-left text-blue-800 underline-offset-2 hover:underline dark:text-blue-300"
            aria-current={selected ? "true" : undefined}
            aria-label={`${i.name}, show details`}
            aria-describedby={tipId}
            // A keyboard "click" has detail 0; a pointer click counts its clicks.
            onClick={(e) => onSelect(i.name, e.detail === 0)}
          >
            {i.name}
          </button>
          {i.protectedFromActions ? (
            <span className="shrink-0 rounded border border-slate-400 px-1 text-xs text-slate-800 dark:border-slate-500 dark:text-slate-200" title={protectedReason}>
              Protected
              {/* Titles reach neither touch nor screen readers: the reason is in the text too. */}
              <span className="sr-only">: {protectedReason}</span>
            </span>
          ) : null}
        </span>
      </th>
      <td className="px-3">
        {/* No tab stop per badge: the name button above is described by the badge's meaning. */}
        <StatusBadge status={i.status} tone={i.tone} tipId={tipId} />
      </td>
      <td className="truncate px-3">{i.powerState}</td>
      <td className="px-3 text-right tabular-nums">{i.upgradeDomain}</td>
      <td className="px-3 text-right tabular-nums">{i.faultDomain}</td>
      {zonal ? <td className="px-3 text-right tabular-nums">{i.zone ?? "—"}</td> : null}
      {zonal ? <td className={`truncate px-3 ${i.health === "unhealthy" ? "font-semibold text-red-800 dark:text-red-300" : ""}`}>{healthWord(i.health)}</td> : null}
      <td className="truncate px-3">{i.size}</td>
      <td className="truncate px-3 font-mono text-xs">{i.ipAddress ?? "—"}</td>
      <td className="px-3 text-xs" title={[activity, details].filter(Boolean).join(" — ") || undefined}>
        {/* Three short lines fit the fixed row height: a marked row's outcome still reads whole. */}
        <div className="line-clamp-3 leading-[0.8125rem]">
          {unmatched ? <span className="mr-1 font-semibold text-slate-800 italic dark:text-slate-200">No longer matches filter ·</span> : null}
          {activity ? <span className="font-semibold text-blue-900 dark:text-blue-200">{activity}</span> : <RowOutcomeLine instance={i.name} protectedFromActions={!!i.protectedFromActions} separated={!!details} />}
          {activity && details ? " · " : null}
          <span className="text-slate-700 dark:text-slate-300">{details}</span>
        </div>
      </td>
      {/* A sticky cell paints its open menu in its own layer: raised while the menu is open, so the
          rows below do not cover it. */}
      <td className={`sticky right-0 z-[1] px-3 text-right has-[[role=menu]]:z-20 ${bg}`}>
        <RowActionMenu instance={i.name} protectedReason={i.protectedFromActions ? protectedReason : undefined} />
      </td>
    </tr>
  );
});
