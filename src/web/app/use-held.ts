import { useState } from "react";

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
