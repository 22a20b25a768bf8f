import { useLayoutEffect, useRef } from "react";
import { useLocation, useRouter, type AroundNavHandler } from "wouter";

// The window's scroll across navigations: a new page starts at the top; Back and Forward return to
// where the page was left (kept per history entry, for this tab's life; the browser's own restoring
// comes before the page has rendered, so it is turned off).

const positions = new Map<string, number>();
/** The current history entry's key (in its state), under which its scroll position is kept. */
let entryKey = "";
/** Where Back or Forward asks the window to be once the page has rendered. */
let restoring: number | undefined;

const newKey = () => Math.random().toString(36).slice(2);
const keyOf = (state: unknown): string | undefined => {
  const key = typeof state === "object" && state !== null ? (state as { rolecallKey?: unknown }).rolecallKey : undefined;
  return typeof key === "string" ? key : undefined;
};

/** Every navigation through the router: remembers the scroll of the entry left, keys the new one. */
export const keyedNavigation: AroundNavHandler = (navigate, to, options) => {
  positions.set(entryKey, scrollY);
  restoring = undefined;
  // A link to the view already open (the current slot's tab) adds no entry for Back to step through.
  const replace = !!options?.replace || to === location.pathname + location.search;
  if (!replace) entryKey = newKey();
  navigate(to, { replace, state: { rolecallKey: entryKey } });
};

/** Takes over scroll restoration from the browser (which restores before the page has rendered). Once, before the first render. */
export function startScrollRestoration(): void {
  history.scrollRestoration = "manual";
  const key = keyOf(history.state);
  entryKey = key ?? newKey();
  if (!key) history.replaceState({ ...(history.state as object | null), rolecallKey: entryKey }, "");
  addEventListener("popstate", () => {
    positions.set(entryKey, scrollY);
    const next = keyOf(history.state);
    // An entry without a key is not the router's (the skip link's #main): the browser scrolls to it.
    if (next === undefined) return;
    entryKey = next;
    restoring = positions.get(next) ?? 0;
  });
}

/** In the shell: puts the window where the navigation asks, once the new page has rendered. */
export function useScrollOnNavigate(): void {
  const router = useRouter();
  const [path] = useLocation();
  const search = router.searchHook(router);
  const last = useRef(path);
  useLayoutEffect(() => {
    const from = last.current;
    last.current = path;
    if (restoring !== undefined) {
      scrollTo(0, restoring);
      restoring = undefined;
    } else if (from !== path) scrollTo(0, 0);
  }, [path, search]);
}
