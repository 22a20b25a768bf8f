import { useId } from "react";
import type { Action } from "../../../../shared/names.ts";
import { Button } from "../../../components/ui/button.tsx";
import { actionCopy, actionOrder } from "../copy.ts";

/** The three actions for one instance, each labelled with its effect; off, with the reason shown, when it may not act. */
export function ActionButtons({ instance, disabledReason, onAction }: {
  instance: string;
  disabledReason: string | null;
  onAction: (instance: string, action: Action) => void;
}) {
  const reasonId = useId();
  const disabled = disabledReason !== null;
  return (
    <div>
      <h3 className="mb-2 text-sm font-semibold">Actions</h3>
      {disabled ? (
        <p id={reasonId} className="mb-2 text-sm text-amber-900 dark:text-amber-200">{disabledReason}</p>
      ) : null}
      <div className="flex flex-col items-stretch gap-2">
        {actionOrder.map((a) => (
          <Button
            key={a}
            variant={a === "reimage" ? "primary" : "secondary"}
            aria-disabled={disabled || undefined}
            aria-describedby={disabled ? reasonId : undefined}
            className={`justify-start ${disabled ? "cursor-not-allowed opacity-60" : ""}`}
            onClick={() => {
              if (!disabled) onAction(instance, a);
            }}
          >
            {actionCopy[a].verb} — {actionCopy[a].effect}
          </Button>
        ))}
      </div>
    </div>
  );
}
