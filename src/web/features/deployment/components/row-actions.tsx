import { createContext, useContext } from "react";
import type { Action } from "../../../../shared/names.ts";
import { Button } from "../../../components/ui/button.tsx";
import { MenuButton } from "../../../components/ui/menu.tsx";

// Whether actions are allowed changes for every row at once (an operation starts or ends). Passing
// that through context re-renders only these small buttons, not the memoized rows around them.

/** One choice of the row's action menu, as the page words it. */
export interface RowMenuEntry {
  action: Action;
  /** "Reboot…" */
  label: string;
  /** "restart, local data kept" */
  hint: string;
  /** The action erases data: said in red. */
  danger: boolean;
}

export interface RowActions {
  /** Why actions are unavailable now, or null when they are allowed. */
  disabledReason: string | null;
  /** Element id of the visible sentence that explains `disabledReason`. */
  reasonId: string;
  onAction: (instance: string, action: Action) => void;
  /** Every action, from what loses least to what loses most. */
  menu: readonly RowMenuEntry[];
}

export const RowActionsContext = createContext<RowActions>({ disabledReason: null, reasonId: "", onAction: () => undefined, menu: [] });

const half = "inline-flex items-center px-2 py-1 text-xs font-medium border border-slate-300 bg-white text-slate-900 hover:bg-slate-100 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-100 dark:hover:bg-slate-700";

/**
 * A split button: "Reimage…" one click away as it always was, and a caret that opens every action
 * (Reboot…, Reimage…, Rebuild…) as a menu. Three buttons would not fit the action column at 1440 px
 * beside the details panel without squeezing the activity column, where outcomes are read.
 * `protectedReason`: why this instance takes no action at all (its own, unlike the page-wide reason).
 */
export function RowActionMenu({ instance, protectedReason }: { instance: string; protectedReason?: string | undefined }) {
  const { disabledReason, reasonId, onAction, menu } = useContext(RowActionsContext);
  const disabled = disabledReason !== null || protectedReason !== undefined;
  const off = disabled ? "cursor-not-allowed opacity-60" : "";
  const describedBy = disabledReason !== null ? reasonId : undefined;
  const items = menu.map((m) => ({ key: m.action, label: m.label, hint: m.hint, danger: m.danger, onSelect: () => onAction(instance, m.action) }));
  return (
    <span className="inline-flex">
      <Button
        size="sm"
        variant="secondary"
        aria-label={`Reimage ${instance}`}
        aria-disabled={disabled || undefined}
        aria-describedby={describedBy}
        title={protectedReason}
        onClick={() => {
          if (!disabled) onAction(instance, "reimage");
        }}
        className={`rounded-r-none ${off}`}
      >
        Reimage…
      </Button>
      <MenuButton
        label={`All actions for ${instance}`}
        items={items}
        disabled={disabled}
        buttonProps={{ className: `${half} -ml-px rounded-r-md ${off}`, title: protectedReason ?? "Reboot, reimage or rebuild", "aria-describedby": describedBy }}
      >
        <span aria-hidden="true">▾</span>
      </MenuButton>
    </span>
  );
}
