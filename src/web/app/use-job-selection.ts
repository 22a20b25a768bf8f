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
 * their identity and the memoized rows do not re-render.
 */
export function useJobSelection(search: DeploymentSearch, setSearch: SetTargetSearch, instances: readonly Instance[], items: readonly TableItem[]) {
  const fromUrl = useMemo(() => parseSelection(search.sel), [search.sel]);
  // Only instances the target has: a link may name one that is gone; the URL keeps it until changed.
  const selected = useMemo(() => (instances.length ? knownSelection(fromUrl, instances) : fromUrl), [fromUrl, instances]);
  const set = useMemo(() => new Set(selected), [selected]);
  const latest = useRef({ selected, items, instances });
  useEffect(() => {
    latest.current = { selected, items, instances };
  }, [selected, items, instances]);
  const anchor = useRef<string | undefined>(undefined);

  const write = useCallback((names: Iterable<string>) => setSearch({ sel: formatSelection(names) }), [setSearch]);
  const onToggle = useCallback(
    (name: string, shift: boolean) => {
      // A shift-range passes over protected rows without choosing them.
      const shown = latest.current.items.flatMap((it) => (it.kind === "instance" && !it.instance.protectedFromActions ? [it.instance.name] : []));
      write(clickSelection(latest.current.selected, shown, name, anchor.current, shift));
      if (!shift) anchor.current = name;
    },
    [write],
  );
  const byRole = useMemo(() => {
    const m = new Map<string, string[]>();
    for (const i of choosable(instances)) m.set(i.role, [...(m.get(i.role) ?? []), i.name]);
    return m;
  }, [instances]);
  const onToggleRole = useCallback((role: string) => write(toggleRole(latest.current.selected, byRole.get(role) ?? [])), [write, byRole]);
  const pick = useCallback(
    (p: SelectPick) => {
      const all = latest.current.instances;
      write(p.kind === "clear" ? [] : p.kind === "notReady" ? notReadyNames(all) : upgradeDomainNames(all, p.domain));
    },
    [write],
  );
  const rows: RowSelection = useMemo(() => ({ selected: set, onToggle, onToggleRole, membersOf: (r: string) => byRole.get(r) ?? [] }), [set, onToggle, onToggleRole, byRole]);
  return { selected, rows, pick };
}
