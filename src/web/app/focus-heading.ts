import { useRouter } from "@tanstack/react-router";
import { useEffect } from "react";

/** Focuses the page's h1 (focusable by script only); false when there is none yet. */
function focusHeading(): boolean {
  const h1 = document.querySelector<HTMLElement>("main h1");
  if (!h1) return false;
  if (!h1.hasAttribute("tabindex")) h1.setAttribute("tabindex", "-1");
  h1.focus();
  return true;
}

/**
 * After a navigation to another page (not a change of filters, which keeps focus where the person
 * typed), focus lands on the new page's heading, not on the body: a screen reader announces where
 * they are, and Tab continues from the top of the content. A page loaded on demand may render its
 * heading a moment later: it is awaited, briefly.
 */
export function useFocusHeadingOnNavigate(): void {
  const router = useRouter();
  useEffect(() => {
    let observer: MutationObserver | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stop = () => {
      observer?.disconnect();
      clearTimeout(timer);
    };
    const unsubscribe = router.subscribe("onRendered", (e) => {
      if (!e.fromLocation || !e.pathChanged) return;
      stop();
      if (focusHeading()) return;
      observer = new MutationObserver(() => {
        if (focusHeading()) stop();
      });
      observer.observe(document.body, { childList: true, subtree: true });
      timer = setTimeout(stop, 5_000);
    });
    return () => {
      unsubscribe();
      stop();
    };
  }, [router]);
}
