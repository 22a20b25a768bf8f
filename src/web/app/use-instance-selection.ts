import { useCallback, useEffect, useRef } from "react";
import type { SetTargetSearch } from "./use-target-search.ts";

/**
 * Opens and closes an instance's details from the table. A row opened from the keyboard moves focus
 * to the details, where its actions are; a pointer user keeps their place in the table.
 */
export function useInstanceSelection(selected: string | undefined, setSearch: SetTargetSearch): (name: string, byKeyboard: boolean) => void {
  const focusDetail = useRef(false);
  const onSelect = useCallback(
    (name: string, byKeyboard: boolean) => {
      focusDetail.current = byKeyboard;
      setSearch((prev) => ({ instance: prev.instance === name ? undefined : name }), { push: true });
    },
    [setSearch],
  );
  useEffect(() => {
    if (!focusDetail.current) return;
    focusDetail.current = false;
    // Closing a row by Enter leaves focus where it is.
    if (selected) document.getElementById("detail-title")?.focus();
  }, [selected]);
  return onSelect;
}
