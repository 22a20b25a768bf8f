import { useCallback, useEffect, useMemo, useRef } from "react";
import type { Instance } from "../../shared/api.ts";
import type { RowSelection } from "../features/deployment/components/row-select.tsx";
import { choosable, clickSelection, formatSelection, knownSelection, notReadyNames, parseSelection, toggleRole, upgradeDomainNames } from "../features/deployment/selection.ts";
import type { TableItem } from "../features/deployment/view.ts";
import type { DeploymentSearch } from "./search.ts";
import type { SetTargetSearch } from "./use-target-search.ts";

export type SelectPick = { kind: "notReady" } | { kind: "domain"; domain: number } | { kind: "clear" };

/**
 * The instances chosen for a job, kept in the URL (`sel=`) like every view state. Rows get what they
 * need through RowSelectionContext; the latest list is read through a ref so the callbacks keep
 * their identity and the memoized rows do not re-render. Every way of choosing (a box, a shift-range,
 * a role's box, "Select not ready", "Select upgrade domain N") picks among the rows on screen: what
 * the filters hide is never chosen unseen. What is chosen yet hidden (a shared link, a filter typed
 * afterwards) is counted in `hidden`, for the selection bar to say.
 */
export function useJobSelection(search: DeploymentSearch, setSearch: SetTargetSearch, instances: readonly Instance[], items: readonly TableItem[]) {
  const fromUrl = useMemo(() => parseSelection(search.sel), [search.sel]);
  // Only instances the target has: a link may name one that is gone; the URL keeps it until changed.
  const selected = useMemo(() => (instances.length ? knownSelection(fromUrl, instances) : fromUrl), [fromUrl, instances]);
  const set = useMemo(() => new Set(selected), [selected]);
  const shown = useMemo(() => items.flatMap((it) => (it.kind === "instance" ? [it.instance] : [])), [items]);
  const hidden = useMemo(() => {
    const onScreen = new Set(shown.map((i) => i.name));
    return selected.filter((name) => !onScreen.has(name)).length;
  }, [selected, shown]);
  const latest = useRef({ selected, shown });
  useEffect(() => {
    latest.current = { selected, shown };
  }, [selected, shown]);
  const anchor = useRef<string | undefined>(undefined);

  const write = useCallback((names: Iterable<string>) => setSearch({ sel: formatSelection(names) }), [setSearch]);
  const onToggle = useCallback(
    (name: string, shift: boolean) => {
      // A shift-range passes over protected rows without choosing them.
      write(clickSelection(latest.current.selected, choosable(latest.current.shown).map((i) => i.name), name, anchor.current, shift));
      if (!shift) anchor.current = name;
    },
    [write],
  );
  const byRole = useMemo(() => {
    const m = new Map<string, string[]>();
    for (const i of choosable(shown)) m.set(i.role, [...(m.get(i.role) ?? []), i.name]);
    return m;
  }, [shown]);
  const onToggleRole = useCallback((role: string) => write(toggleRole(latest.current.selected, byRole.get(role) ?? [])), [write, byRole]);
  const pick = useCallback(
    (p: SelectPick) => {
      const onScreen = latest.current.shown;
      write(p.kind === "clear" ? [] : p.kind === "notReady" ? notReadyNames(onScreen) : upgradeDomainNames(onScreen, p.domain));
    },
    [write],
  );
  const rows: RowSelection = useMemo(() => ({ selected: set, onToggle, onToggleRole, membersOf: (r: string) => byRole.get(r) ?? [] }), [set, onToggle, onToggleRole, byRole]);
  return { selected, hidden, rows, pick };
}
