import { useCallback, useMemo } from "react";
import { Panel } from "../components/ui/panel.tsx";
import { InstanceTable } from "../features/deployment/components/InstanceTable.tsx";
import { RowActionsContext, type RowActions } from "../features/deployment/components/row-actions.tsx";
import { PHONE, useMediaQuery } from "../lib/use-media-query.ts";
import { lazyPart } from "./lazy-part.tsx";
import type { DeploymentSearch } from "./search.ts";
import type { InstanceView } from "./use-instance-view.ts";

// Phones get cards instead of the table, in a file of their own that wider screens never fetch. A
// phone starts fetching it as the app starts, alongside the data, rather than once the data is in.
const InstanceCards = lazyPart(() => import("../features/deployment/components/InstanceCards.tsx").then((m) => m.InstanceCards), "instance list");
if (typeof window.matchMedia === "function" && window.matchMedia(PHONE).matches) InstanceCards.preload();

interface Props {
  view: InstanceView;
  selected: string | undefined;
  onSelect: (name: string, byKeyboard: boolean) => void;
  setSearch: (patch: Partial<DeploymentSearch>) => void;
  rowActions: RowActions;
}

/** The instance table, with how many rows the filters show and a way out when they show none. */
export function InstancesPanel({ view, selected, onSelect, setSearch, rowActions }: Props) {
  const { filtering, shownCount, instances } = view;
  const clearFilters = useCallback(() => setSearch({ role: undefined, tone: undefined, q: undefined }), [setSearch]);
  const onSelectRole = useCallback((role: string) => setSearch({ role }), [setSearch]);
  // Phones get cards: ten columns do not fit 390 px, and a table scrolled sideways hides the actions.
  const phone = useMediaQuery(PHONE);
  const zonal = useMemo(() => instances.some((i) => i.zone !== undefined || i.health !== undefined), [instances]);
  return (
    <Panel title={filtering ? `Instances (${shownCount} of ${instances.length} shown)` : `Instances (${instances.length})`}>
      {filtering && shownCount === 0 ? (
        <p className="flex flex-wrap items-center gap-2 border-b border-slate-200 px-4 py-3 text-sm dark:border-slate-800">
          {view.items.some((it) => it.kind === "instance") ? "No instance matches these filters now; the rows below are kept, marked, after an operation acted on them —" : "No instance matches these filters —"}
          <button type="button" className="font-medium text-blue-800 underline dark:text-blue-300" onClick={clearFilters}>Clear filters</button>
        </p>
      ) : null}
      <RowActionsContext.Provider value={rowActions}>
        {phone ? (
          <InstanceCards items={view.items} selected={selected} activity={view.activity} onSelect={onSelect} onSelectRole={onSelectRole} zonal={zonal} holdHandlers={view.holdHandlers} />
        ) : (
          <InstanceTable items={view.items} selected={selected} activity={view.activity} onSelect={onSelect} onSelectRole={onSelectRole} zonal={zonal} holdHandlers={view.holdHandlers} />
        )}
      </RowActionsContext.Provider>
    </Panel>
  );
}

/**
 * The sentence the disabled action buttons point at (aria-describedby); screen readers hear that
 * actions are available when they are.
 */
export function ActionsNotice({ id, reason }: { id: string; reason: string | null }) {
  return (
    <p id={id} className={reason ? "rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-50" : "sr-only"}>
      {reason ?? "Actions are available."}
    </p>
  );
}
