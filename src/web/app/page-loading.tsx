import { useEffect, useState } from "react";

/** How long a page's code may take before "Loading…" shows: a fast load should not flash it. */
const QUIET_MS = 300;

/**
 * In place of a page whose code is still on its way (a slow link, the first visit to that page):
 * the header stays, and after a moment the page says it is coming rather than staying blank.
 */
export function PageLoading({ what }: { what: string }) {
  const [shown, setShown] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setShown(true), QUIET_MS);
    return () => clearTimeout(timer);
  }, []);
  return (
    <p role="status" className="p-4 text-slate-700 dark:text-slate-300">
      {shown ? `Loading the ${what}…` : ""}
    </p>
  );
}
