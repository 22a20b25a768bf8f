import { useEffect, useRef, type RefObject } from "react";

// Placing and dismissing a small popup (a menu) that is fixed to the viewport next to its button.

export interface Place {
  top: number;
  right: number;
}

/** Below the button, right edges aligned; above it when the viewport has no room below. */
export function placeUnder(button: HTMLElement, popup: HTMLElement | null): Place {
  const r = button.getBoundingClientRect();
  const height = popup?.offsetHeight ?? 0;
  const below = r.bottom + 4;
  const top = below + height > window.innerHeight && r.top - 4 - height > 0 ? r.top - 4 - height : below;
  return { top, right: Math.max(4, window.innerWidth - r.right) };
}

/**
 * While `open`: a press outside `inside`, a scroll (the popup would no longer sit by its button;
 * scrolling within the popup is fine) or a resize calls `dismiss`.
 */
export function useDismiss(open: boolean, inside: readonly RefObject<HTMLElement | null>[], dismiss: () => void): void {
  const latest = useRef({ inside, dismiss });
  useEffect(() => {
    latest.current = { inside, dismiss };
  });
  useEffect(() => {
    if (!open) return;
    const within = (t: EventTarget | null) => latest.current.inside.some((r) => r.current?.contains(t as Node));
    const outside = (e: PointerEvent) => {
      if (!within(e.target)) latest.current.dismiss();
    };
    const scrolled = (e: Event) => {
      if (!within(e.target)) latest.current.dismiss();
    };
    const resized = () => latest.current.dismiss();
    document.addEventListener("pointerdown", outside, true);
    window.addEventListener("scroll", scrolled, true);
    window.addEventListener("resize", resized);
    return () => {
      document.removeEventListener("pointerdown", outside, true);
      window.removeEventListener("scroll", scrolled, true);
      window.removeEventListener("resize", resized);
    };
  }, [open]);
}
