import { useMemo, useRef, type KeyboardEvent } from "react";
import { moveRowFocus } from "../row-focus.ts";
import { offsetsOf, useItemWindow } from "../row-window.ts";
import { useInitialScroll } from "../use-initial-scroll.ts";
import { CARD_HEIGHT, InstanceCard } from "./InstanceCard.tsx";
import type { InstanceListProps } from "./InstanceTable.tsx";
import { RoleCheckbox } from "./row-select.tsx";

const ROLE_HEIGHT = 44;

/**
 * The instances on a phone: a list of cards instead of the table's ten columns. Windowed like the
 * table (2,000 instances cost a few dozen cards): every card and every role header has a fixed height.
 */
export function InstanceCards({ items, selected, activity, onSelect, onSelectRole, holdHandlers }: InstanceListProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const offsets = useMemo(() => offsetsOf(items.map((it) => (it.kind === "role" ? ROLE_HEIGHT : CARD_HEIGHT))), [items]);
  const win = useItemWindow(scrollRef, offsets, 6);
  useInitialScroll(items, selected, win.scrollToCenter, 3);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
    const container = scrollRef.current;
    if (!container || !(e.target as HTMLElement).closest("[data-instance]")) return;
    if (moveRowFocus(container, e.key === "ArrowDown" ? 1 : -1)) e.preventDefault();
  };

  return (
    <div ref={scrollRef} className="max-h-[75dvh] min-h-64 overflow-y-auto" role="region" aria-label="Role instances" tabIndex={0} onKeyDown={onKeyDown} {...holdHandlers}>
      <ul style={{ paddingTop: win.top, paddingBottom: win.bottom }}>
        {items.slice(win.start, win.end).map((it) => {
          if (it.kind === "role") {
            const allReady = it.ready === it.total;
            return (
              <li key={`role:${it.role}`} style={{ height: ROLE_HEIGHT }} className="flex items-center gap-2 bg-slate-100 px-3 text-sm dark:bg-slate-800">
                <RoleCheckbox role={it.role} />
                <button type="button" className="rounded font-semibold" onClick={() => onSelectRole(it.role)} aria-label={`Show only role ${it.role}`}>{it.role}</button>
                <span className={`font-medium ${allReady ? "text-green-800 dark:text-green-300" : "text-red-800 dark:text-red-300"}`}>{it.ready} of {it.total} ready</span>
                {it.shown !== it.total ? <span className="text-xs text-slate-700 dark:text-slate-300">({it.shown} shown)</span> : null}
              </li>
            );
          }
          const name = it.instance.name;
          return <InstanceCard key={name} instance={it.instance} selected={name === selected} activity={activity.get(name)} onSelect={onSelect} unmatched={it.unmatched} />;
        })}
      </ul>
    </div>
  );
}
