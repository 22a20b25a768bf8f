import { useCallback, useEffect, useRef } from "react";
import type { SetTargetSearch } from "./use-target-search.ts";

/**
 * Focuses the element with this id now, or when it appears: the details' code loads on demand, so
 * they may render a moment after the row was opened. Returns what stops waiting. Once the person has
 * moved focus elsewhere meanwhile, it gives up: focus must not jump away from where they went.
 */
function focusWhenShown(id: string): () => void {
  const now = document.getElementById(id);
  if (now) {
    now.focus();
    return () => undefined;
  }
  const from = document.activeElement;
  const observer = new MutationObserver(() => {
    const focused = document.activeElement;
    // Focus falling to the body (the focused row re-rendered) is not the person moving it.
    if (focused !== from && focused !== null && focused !== document.body) {
      observer.disconnect();
      return;
    }
    const shown = document.getElementById(id);
    if (!shown) return;
    observer.disconnect();
    shown.focus();
  });
  observer.observe(document.body, { childList: true, subtree: true });
  const timer = setTimeout(() => observer.disconnect(), 10_000);
  return () => {
    observer.disconnect();
    clearTimeout(timer);
  };
}

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
    if (selected) return focusWhenShown("detail-title");
  }, [selected]);
  return onSelect;
}
