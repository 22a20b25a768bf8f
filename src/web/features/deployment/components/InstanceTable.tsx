import { memo, useLayoutEffect, useRef, type FocusEvent, type KeyboardEvent } from "react";
import { benchMark } from "../../../lib/bench.ts";
import { moveRowFocus } from "../row-focus.ts";
import { useRowWindow } from "../row-window.ts";
import { useInitialScroll } from "../use-initial-scroll.ts";
import type { TableItem } from "../view.ts";
import { InstanceRow, ROW_HEIGHT } from "./InstanceRow.tsx";
import { RoleCheckbox } from "./row-select.tsx";

// Column widths without, and with, the zone and health of zonal targets (scale sets); the activity
// column takes what is left. Zonal targets have short names and rarely an IP: those give way.
const widths = ["w-[18%]", "w-[13%]", "w-[8%]", "w-[5%]", "w-[5%]", "w-[8%]", "w-[9%]", "", "w-[8rem]"];
const zonalWidths = ["w-[14%]", "w-[13%]", "w-[8%]", "w-[4%]", "w-[4%]", "w-[5%]", "w-[9%]", "w-[9%]", "w-[8%]", "", "w-[8rem]"];
const columnCount = (zonal: boolean) => (zonal ? zonalWidths : widths).length;

export interface InstanceListProps {
  items: TableItem[];
  selected: string | undefined;
  activity: ReadonlyMap<string, string>;
  onSelect: (name: string, byKeyboard: boolean) => void;
  onSelectRole: (role: string) => void;
  /** The target's instances have zones or health (scale sets): those columns are shown. */
  zonal: boolean;
  /** Pointer and focus events that hold the row order (see useStableItems). */
  holdHandlers?: {
    onPointerEnter: () => void;
    onPointerLeave: () => void;
    onFocus: () => void;
    onBlur: (e: FocusEvent<HTMLElement>) => void;
  };
}

const RoleRow = memo(function RoleRow({ item, columns, onSelectRole }: { item: Extract<TableItem, { kind: "role" }>; columns: number; onSelectRole: (r: string) => void }) {
  const allReady = item.ready === item.total;
  return (
    <tr style={{ height: ROW_HEIGHT }} className="bg-slate-100 dark:bg-slate-800">
      <th scope="colgroup" colSpan={columns} className="px-3 text-left text-sm">
        {/* Stays in sight when the table scrolls sideways under a narrow window. */}
        <span className="sticky left-3">
          <RoleCheckbox role={item.role} />
          <button type="button" className="rounded font-semibold hover:underline" onClick={() => onSelectRole(item.role)} aria-label={`Show only role ${item.role}`}>
            {item.role}
          </button>
          <span className={`ml-3 font-medium ${allReady ? "text-green-800 dark:text-green-300" : "text-red-800 dark:text-red-300"}`}>
            {item.ready} of {item.total} ready
          </span>
          {item.shown !== item.total ? <span className="ml-3 font-normal text-slate-700 dark:text-slate-300">({item.shown} shown by the filter)</span> : null}
        </span>
      </th>
    </tr>
  );
});

// A real <table> (screen readers announce rows and columns) virtualized with spacer rows above and
// below the window, so 2,000 instances cost ~30 rendered rows.
export function InstanceTable({ items, selected, activity, onSelect, onSelectRole, zonal, holdHandlers }: InstanceListProps) {
  const columns = columnCount(zonal);
  const scrollRef = useRef<HTMLDivElement>(null);
  const rows = useRowWindow(scrollRef, items.length, ROW_HEIGHT, 8);
  const { scrollToCenter } = rows;

  useInitialScroll(items, selected, scrollToCenter);

  useLayoutEffect(() => {
    if (items.length > 0) requestAnimationFrame(() => setTimeout(() => benchMark("rolecall:painted", String(items.length)), 0));
  }, [items]);

  // Up/Down arrows move between instances from anywhere in a row (Tab still walks every control).
  // Overscan keeps the neighbouring rows rendered, so the next one is always there to focus.
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
    const row = (e.target as HTMLElement).closest("[data-instance]");
    const container = scrollRef.current;
    if (!row || !container || e.target instanceof HTMLSelectElement) return;
    if (moveRowFocus(container, e.key === "ArrowDown" ? 1 : -1)) e.preventDefault();
  };

  const { top, bottom } = rows;
  const shown = items.slice(rows.start, rows.end);

  return (
    <div ref={scrollRef} className="max-h-[calc(100vh-22rem)] min-h-64 overflow-auto" role="region" aria-label="Role instances" tabIndex={0} onKeyDown={onKeyDown} {...holdHandlers}>
      <table className="w-full min-w-[60rem] table-fixed border-collapse text-sm">
        <colgroup>
          {(zonal ? zonalWidths : widths).map((w, i) => (
            <col key={i} className={w} />
          ))}
        </colgroup>
        <thead className="sticky top-0 z-10 bg-white text-xs text-slate-700 uppercase shadow-sm dark:bg-slate-900 dark:text-slate-300">
          <tr style={{ height: 36 }}>
            <th scope="col" className="sticky left-0 z-[2] bg-white px-3 text-left dark:bg-slate-900">Instance</th>
            <th scope="col" className="px-3 text-left">Status</th>
            <th scope="col" className="px-3 text-left">Power</th>
            <th scope="col" className="px-3 text-right"><abbr title="Upgrade domain">UD</abbr></th>
            <th scope="col" className="px-3 text-right"><abbr title="Fault domain">FD</abbr></th>
            {zonal ? <th scope="col" className="px-3 text-right">Zone</th> : null}
            {zonal ? <th scope="col" className="px-3 text-left">Health</th> : null}
            <th scope="col" className="px-3 text-left">Size</th>
            <th scope="col" className="px-3 text-left">IP</th>
            <th scope="col" className="px-3 text-left">Activity · state details</th>
            <th scope="col" className="sticky right-0 z-[2] bg-white px-3 text-right dark:bg-slate-900">Action</th>
          </tr>
        </thead>
        <tbody>
          {top > 0 ? (
            <tr aria-hidden="true">
              <td colSpan={columns} style={{ height: top, padding: 0 }} />
            </tr>
          ) : null}
          {shown.map((it) => {
            if (it.kind === "role") return <RoleRow key={`role:${it.role}`} item={it} columns={columns} onSelectRole={onSelectRole} />;
            const name = it.instance.name;
            return <InstanceRow key={name} instance={it.instance} selected={name === selected} activity={activity.get(name)} onSelect={onSelect} unmatched={it.unmatched} zonal={zonal} />;
          })}
          {bottom > 0 ? (
            <tr aria-hidden="true">
              <td colSpan={columns} style={{ height: bottom, padding: 0 }} />
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}
