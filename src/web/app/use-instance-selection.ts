import { getRouteApi } from "@tanstack/react-router";
import { useCallback, useEffect, useRef } from "react";

const route = getRouteApi("/s/$sub/services/$service/$slot");

/**
 * Opens and closes an instance's details from the table. A row opened from the keyboard moves focus
 * to the details, where its actions are; a pointer user keeps their place in the table.
 */
export function useInstanceSelection(selected: string | undefined): (name: string, byKeyboard: boolean) => void {
  const navigate = route.useNavigate();
  const focusDetail = useRef(false);
  const onSelect = useCallback(
    (name: string, byKeyboard: boolean) => {
      focusDetail.current = byKeyboard;
      void navigate({ search: (prev) => ({ ...prev, instance: prev.instance === name ? undefined : name }) });
    },
    [navigate],
  );
  useEffect(() => {
    if (!focusDetail.current) return;
    focusDetail.current = false;
    // Closing a row by Enter leaves focus where it is.
    if (selected) document.getElementById("detail-title")?.focus();
  }, [selected]);
  return onSelect;
}
