import { useEffect, useState } from "react";
import type { Deployment } from "../../shared/api.ts";
import { useLive } from "./live.tsx";

/**
 * Returns `value`, except while `frozen`, when it keeps returning what it was when freezing began.
 * Used to stop rows redrawing under an open dialog; the latest value shows as soon as it closes.
 */
export function useHeld<T>(value: T, frozen: boolean): T {
  const [held, setHeld] = useState(value);
  // Adjusting state during render (React's documented pattern) keeps `held` current while unfrozen.
  if (!frozen && held !== value) setHeld(value);
  return frozen ? held : value;
}

/** Under an open dialog the table keeps what it showed when the dialog opened; the header says so. */
export function useHeldUnderDialog(data: Deployment | undefined, dialogOpen: boolean): Deployment | undefined {
  const { setHeld } = useLive();
  useEffect(() => {
    setHeld(dialogOpen);
    return () => setHeld(false);
  }, [dialogOpen, setHeld]);
  return useHeld(data, dialogOpen);
}
