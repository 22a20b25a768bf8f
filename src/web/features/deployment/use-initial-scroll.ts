import { useEffect, useRef } from "react";
import type { TableItem } from "./view.ts";

/**
 * A shared link with ?instance= scrolls that instance into view once, when the data first arrives;
 * later clicks never make the list jump under the pointer. For the table and the card list alike.
 */
export function useInitialScroll(items: readonly TableItem[], selected: string | undefined, scrollToCenter: (index: number) => void, after = 10): void {
  const done = useRef(false);
  useEffect(() => {
    if (done.current || items.length === 0) return;
    done.current = true;
    const index = selected ? items.findIndex((it) => it.kind === "instance" && it.instance.name === selected) : -1;
    if (index > after) scrollToCenter(index);
  }, [items, selected, scrollToCenter, after]);
}
