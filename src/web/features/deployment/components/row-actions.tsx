import { createContext, useContext } from "react";
import type { Action } from "../../../../shared/names.ts";
import { Button } from "../../../components/ui/button.tsx";

// Whether actions are allowed changes for every row at once (an operation starts or ends). Passing
// that through context re-renders only these small buttons, not the memoized rows around them.

export interface RowActions {
  /** Why actions are unavailable now, or null when they are allowed. */
  disabledReason: string | null;
  /** Element id of the visible sentence that explains `disabledReason`. */
  reasonId: string;
  onAction: (instance: string, action: Action) => void;
}

export const RowActionsContext = createContext<RowActions>({ disabledReason: null, reasonId: "", onAction: () => undefined });

/** `protectedReason`: why this instance takes no action at all (its own, unlike the page-wide reason). */
export function RowReimageButton({ instance, protectedReason }: { instance: string; protectedReason?: string | undefined }) {
  const { disabledReason, reasonId, onAction } = useContext(RowActionsContext);
  const disabled = disabledReason !== null || protectedReason !== undefined;
  return (
    <Button
      size="sm"
      variant="secondary"
      aria-label={`Reimage ${instance}`}
      aria-disabled={disabled || undefined}
      aria-describedby={disabledReason !== null ? reasonId : undefined}
      title={protectedReason}
      onClick={() => {
        if (!disabled) onAction(instance, "reimage");
      }}
      className={disabled ? "cursor-not-allowed opacity-60" : ""}
    >
      Reimage…
    </Button>
  );
}
