import { useCallback, useMemo, useState, type FocusEvent } from "react";
import type { Instance } from "../../../shared/api.ts";
import { buildTable, matchesFilter, type TableItem, type ViewFilter } from "./view.ts";

/**
 * The rows as laid out before, with current values: order and membership stay as they were (a row
 * that no longer matches the filter stays, marked `unmatched`), statuses and counts are the latest.
 * Instances that no longer exist are dropped (there is nothing left to show for them); instances
 * new to the filter wait for the layout to be released.
 */
export function keepLayout(layout: readonly TableItem[], instances: readonly Instance[], fresh: readonly TableItem[], f: ViewFilter): TableItem[] {
  const byName = new Map(instances.map((i) => [i.name, i]));
  const roleRows = new Map<string, TableItem>();
  for (const it of fresh) if (it.kind === "role") roleRows.set(it.role, it);
  const out: TableItem[] = [];
  for (const it of layout) {
    if (it.kind === "role") {
      out.push(roleRows.get(it.role) ?? it);
      continue;
    }
    const now = byName.get(it.instance.name);
    if (!now) continue;
    out.push(matchesFilter(now, f) ? { kind: "instance", instance: now } : { kind: "instance", instance: now, unmatched: true });
  }
  return out;
}

const filterKey = (f: ViewFilter) => `${f.role ?? ""}\u0000${f.tone ?? ""}\u0000${f.q ?? ""}\u0000${f.sort ?? ""}`;

/**
 * Table rows that do not move under the reader: while the pointer is over the table or focus is
 * inside it, row order and membership hold (a status sort or a "Not ready" filter would otherwise
 * reshuffle rows mid-click); leaving applies the new order. A filter or sort the user changes
 * applies at once, since the user asked for it.
 */
/**
 * Of `keep`, the instances the current filter has shown at some point: they stay (marked) when they
 * stop matching. Starts again whenever the filter changes.
 */
function usePinned(instances: readonly Instance[], filter: ViewFilter, key: string, keep: ReadonlySet<string>): ReadonlySet<string> {
  const matching = useMemo(() => instances.filter((i) => matchesFilter(i, filter)).map((i) => i.name), [instances, filter]);
  const [shown, setShown] = useState({ key, names: new Set(matching) });
  if (shown.key !== key) setShown({ key, names: new Set(matching) });
  else if (matching.some((n) => !shown.names.has(n))) setShown({ key, names: new Set([...shown.names, ...matching]) });
  return useMemo(() => new Set([...keep].filter((n) => shown.key === key && shown.names.has(n))), [keep, shown, key]);
}

const nothing: ReadonlySet<string> = new Set();

/**
 * `keep`: instances whose rows must not vanish when they stop matching the filter (those an operation
 * just acted on): once the filter has shown one, it stays, marked, until the filter changes.
 */
export function useStableItems(instances: readonly Instance[], roleOrder: readonly string[], filter: ViewFilter, keep: ReadonlySet<string> = nothing) {
  const [pointerIn, setPointerIn] = useState(false);
  const [focusIn, setFocusIn] = useState(false);
  const holding = pointerIn || focusIn;
  const key = filterKey(filter);
  const pinned = usePinned(instances, filter, key, keep);
  const fresh = useMemo(() => buildTable(instances, roleOrder, filter, pinned), [instances, roleOrder, filter, pinned]);
  const [layout, setLayout] = useState({ items: fresh, instances, key });
  // Adjusting state during render (React's documented pattern): the layout follows the data
  // whenever nothing holds it, and always follows a change of filter or sort. Compared by the
  // inputs, not by `fresh`, so a caller passing a new roleOrder array each render cannot loop.
  const follow = !holding || layout.key !== key;
  if (follow && (layout.instances !== instances || layout.key !== key)) setLayout({ items: fresh, instances, key });
  const items = useMemo(() => (follow ? fresh : keepLayout(layout.items, instances, fresh, filter)), [follow, fresh, layout.items, instances, filter]);

  const onPointerEnter = useCallback(() => setPointerIn(true), []);
  const onPointerLeave = useCallback(() => setPointerIn(false), []);
  const onFocus = useCallback(() => setFocusIn(true), []);
  const onBlur = useCallback((e: FocusEvent<HTMLElement>) => {
    if (!e.currentTarget.contains(e.relatedTarget)) setFocusIn(false);
  }, []);
  const holdHandlers = useMemo(() => ({ onPointerEnter, onPointerLeave, onFocus, onBlur }), [onPointerEnter, onPointerLeave, onFocus, onBlur]);
  return { items, holding, holdHandlers };
}
