import { useEffect, useRef } from "react";
import { useOpenPage, usePath } from "../lib/router.tsx";
import { redirectRoutes } from "./router.tsx";

/**
 * Focuses the page's h1 (focusable by script only); false when there is none yet. Without scrolling:
 * a new page is already at the top, and Back has put the window where the person left it.
 */
function focusHeading(): boolean {
  const h1 = document.querySelector<HTMLElement>("main h1");
  if (!h1) return false;
  if (!h1.hasAttribute("tabindex")) h1.setAttribute("tabindex", "-1");
  h1.focus({ preventScroll: true });
  return true;
}

/**
 * After a navigation to another page (not a change of filters, which keeps focus where the person
 * typed), focus lands on the new page's heading, not on the body: a screen reader announces where
 * they are, and Tab continues from the top of the content. A page loaded on demand may render its
 * heading a moment later: it is awaited, briefly.
 */
export function useFocusHeadingOnNavigate(): void {
  const path = usePath();
  const { route } = useOpenPage();
  /** The address first opened (and whether it only redirects), and the path focus last followed. */
  const seen = useRef<{ first: string; firstRedirects: boolean; last: string }>(undefined);
  const waiting = useRef<() => void>(undefined);
  useEffect(() => {
    const s = seen.current;
    if (!s) {
      seen.current = { first: path, firstRedirects: redirectRoutes.includes(route), last: path };
      return;
    }
    if (s.last === path) return;
    const from = s.last;
    s.last = path;
    // Where the address first opened redirects to is still the first page: no one navigated yet.
    if (from === s.first && s.firstRedirects) return;
    waiting.current?.();
    if (focusHeading()) return;
    const observer = new MutationObserver(() => {
      if (focusHeading()) stop();
    });
    const timer = setTimeout(() => stop(), 5_000);
    const stop = () => {
      observer.disconnect();
      clearTimeout(timer);
      waiting.current = undefined;
    };
    observer.observe(document.body, { childList: true, subtree: true });
    waiting.current = stop;
  }, [path, route]);
  useEffect(() => () => waiting.current?.(), []);
}
