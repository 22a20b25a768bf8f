import { createContext, useContext, useEffect, useRef } from "react";
import { roleState } from "../selection.ts";

// The job selection changes for many rows at once (select a role, clear). Through context only these
// small checkboxes re-render, never the memoized rows around them (as row-actions.tsx does).

export interface RowSelection {
  selected: ReadonlySet<string>;
  /** `shift`: extend from the last plain click over the rows shown. */
  onToggle: (instance: string, shift: boolean) => void;
  onToggleRole: (role: string) => void;
  membersOf: (role: string) => readonly string[];
}

const none: ReadonlySet<string> = new Set();
export const RowSelectionContext = createContext<RowSelection>({ selected: none, onToggle: () => undefined, onToggleRole: () => undefined, membersOf: () => [] });

const box = "size-4 shrink-0 accent-blue-700";

/** `protectedReason`: why the instance cannot be chosen (the box is off and says so). */
export function RowCheckbox({ instance, protectedReason }: { instance: string; protectedReason?: string | undefined }) {
  const { selected, onToggle } = useContext(RowSelectionContext);
  return (
    <input
      type="checkbox"
      className={box}
      aria-label={`Select ${instance}`}
      disabled={protectedReason !== undefined}
      title={protectedReason}
      checked={selected.has(instance)}
      // onClick, not onChange: only the click knows whether shift was held (a range).
      onClick={(e) => onToggle(instance, e.shiftKey)}
      onChange={() => undefined}
    />
  );
}

export function RoleCheckbox({ role }: { role: string }) {
  const { selected, onToggleRole, membersOf } = useContext(RowSelectionContext);
  const state = roleState(selected, membersOf(role));
  const ref = useRef<HTMLInputElement>(null);
  // "Some of the role" has no attribute of its own: it is a DOM property.
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = state === "some";
  }, [state]);
  return (
    <input ref={ref} type="checkbox" className={`${box} mr-2 align-middle`} aria-label={`Select role ${role}`} checked={state === "all"} onChange={() => onToggleRole(role)} />
  );
}
