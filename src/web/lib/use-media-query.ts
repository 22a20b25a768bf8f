import { useCallback, useSyncExternalStore } from "react";

// Layout that changes structure (a card list instead of a table, a sheet instead of a side panel)
// cannot be CSS alone without rendering both: rendering both would double every control for screen
// readers and for tests. These are the breakpoints the page switches structure at, as Tailwind's.

/** Phones: below Tailwind's `sm` (640 px). */
export const PHONE = "(max-width: 639.98px)";
/** Room for the side column beside the table: Tailwind's `xl` (1280 px). */
export const WIDE = "(min-width: 1280px)";

/**
 * Whether the media query matches now; follows changes (rotation, resizing). Where there is no
 * matchMedia (jsdom), `fallback`: the desktop layout.
 */
export function useMediaQuery(query: string, fallback = query === WIDE): boolean {
  const subscribe = useCallback(
    (onChange: () => void) => {
      if (typeof window.matchMedia !== "function") return () => undefined;
      const list = window.matchMedia(query);
      list.addEventListener("change", onChange);
      return () => list.removeEventListener("change", onChange);
    },
    [query],
  );
  const get = () => (typeof window.matchMedia === "function" ? window.matchMedia(query).matches : fallback);
  return useSyncExternalStore(subscribe, get, () => fallback);
}
