import { memo, useId } from "react";
import type { Instance } from "../../../../shared/api.ts";
import { StatusBadge } from "../../../components/ui/status-badge.tsx";
import { protectedReason } from "./InstanceRow.tsx";
import { RowActionMenu } from "./row-actions.tsx";
import { RowOutcomeLine } from "./row-outcome.tsx";
import { RowCheckbox } from "./row-select.tsx";

/** Every card has this height, so that the list can render only the cards in view (row-window.ts). */
export const CARD_HEIGHT = 106;

interface Props {
  instance: Instance;
  selected: boolean;
  activity: string | undefined;
  onSelect: (name: string, byKeyboard: boolean) => void;
  unmatched?: boolean;
}

/**
 * One instance on a phone: the table row's content, stacked. Name (opens the details), its actions,
 * status and placement, then what is happening to it or how its last operation ended.
 */
export const InstanceCard = memo(function InstanceCard({ instance: i, selected, activity, onSelect, unmatched = false }: Props) {
  const tipId = useId();
  const guarded = i.protectedFromActions ? protectedReason : undefined;
  const details = [i.stateDetails, i.errorCode ? `error ${i.errorCode}` : ""].filter(Boolean).join(" · ");
  const place = [i.powerState, `UD ${i.upgradeDomain}`, `FD ${i.faultDomain}`, i.zone !== undefined ? `zone ${i.zone}` : "", i.health ? `health ${i.health}` : "", i.ipAddress ?? ""].filter(Boolean).join(" · ");
  return (
    <li
      data-instance={i.name}
      data-unmatched={unmatched || undefined}
      style={{ height: CARD_HEIGHT }}
      className={`flex flex-col gap-1 overflow-hidden border-b border-slate-200 px-3 py-2 dark:border-slate-800 ${selected ? "bg-blue-50 dark:bg-blue-950" : unmatched ? "bg-amber-50 dark:bg-amber-950/40" : ""}`}
    >
      <div className="flex items-center gap-2">
        <RowCheckbox instance={i.name} protectedReason={guarded} />
        <button
          type="button"
          data-row-name
          className="min-w-0 flex-1 truncate rounded text-left font-medium text-blue-800 underline underline-offset-2 dark:text-blue-300"
          aria-current={selected ? "true" : undefined}
          aria-label={`${i.name}, show details`}
          aria-describedby={tipId}
          onClick={(e) => onSelect(i.name, e.detail === 0)}
        >
          {i.name}
        </button>
        <RowActionMenu instance={i.name} protectedReason={guarded} />
      </div>
      <div className="flex min-w-0 items-center gap-2 text-xs">
        <StatusBadge status={i.status} tone={i.tone} tipId={tipId} />
        <span className="truncate text-slate-700 dark:text-slate-300">{place}</span>
      </div>
      <p className="line-clamp-2 text-xs leading-4">
        {guarded ? <span className="mr-1 font-semibold">Protected: {guarded}</span> : null}
        {unmatched ? <span className="mr-1 font-semibold italic">No longer matches filter ·</span> : null}
        {activity ? <span className="font-semibold text-blue-900 dark:text-blue-200">{activity}</span> : <RowOutcomeLine instance={i.name} protectedFromActions={!!guarded} separated={!!details} />}
        {activity && details ? " · " : null}
        <span className="text-slate-700 dark:text-slate-300">{details}</span>
      </p>
    </li>
  );
});
