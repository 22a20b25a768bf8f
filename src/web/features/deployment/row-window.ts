import { useCallback, useLayoutEffect, useState, type RefObject } from "react";
import { flushSync } from "react-dom";

// The instance table renders only the rows in view (2,000 instances cost ~30 rendered rows). Every
// row has the same height, so which rows are in view is arithmetic on the scroll offset; this is
// the part of a general virtualizer (@tanstack/react-virtual, used before) that the table needs,
// without the ~8 KB (brotli) that measuring rows of unknown height costs on the on-call deep link.

export interface RowWindow {
  /** Index of the first row to render, and one past the last (`start === end`: none). */
  start: number;
  end: number;
  /** Heights of the space above the first rendered row and below the last one. */
  top: number;
  bottom: number;
  /** Scrolls the element so that row `index` is in the middle of the view (as far as it can go). */
  scrollToCenter: (index: number) => void;
}

/**
 * Calls `read` now (laid out already: measured before the first paint), on every scroll
 * (synchronously, so a fast scroll never shows blank space where rows belong) and on resize;
 * returns the cleanup.
 */
function watchView(el: HTMLElement, read: () => void): () => void {
  read();
  const onScroll = () => flushSync(read);
  el.addEventListener("scroll", onScroll, { passive: true });
  const resize = typeof ResizeObserver === "undefined" ? undefined : new ResizeObserver(read);
  resize?.observe(el);
  return () => {
    el.removeEventListener("scroll", onScroll);
    resize?.disconnect();
  };
}

/** The rows in view: first (at the top edge) and last (at the bottom edge), before overscan. */
interface InView {
  first: number;
  last: number;
}

/**
 * Rows `first`…`last` in view of a list of `count` rows of `rowHeight`, plus `overscan` rows on each
 * side (so the neighbours of a focused row are always rendered), as spacer heights and a range.
 * Pure, for the hook below and its tests.
 */
export function rowWindow(inView: InView, count: number, rowHeight: number, overscan: number): Omit<RowWindow, "scrollToCenter"> {
  if (count <= 0) return { start: 0, end: 0, top: 0, bottom: 0 };
  const first = Math.min(inView.first, count - 1);
  const last = Math.min(Math.max(inView.last, first), count - 1);
  const start = Math.max(first - overscan, 0);
  const end = Math.min(last + overscan, count - 1) + 1;
  return { start, end, top: start * rowHeight, bottom: (count - end) * rowHeight };
}

/** Which rows a scroll offset and view height show: the row at the top edge and the one at the bottom edge. */
export function rowsInView(scrollTop: number, viewHeight: number, rowHeight: number): InView {
  const first = Math.max(0, Math.floor(scrollTop / rowHeight));
  // The last row that starts above the bottom edge; with no height yet (not laid out), the first.
  const last = viewHeight > 0 ? Math.max(first, Math.ceil((scrollTop + viewHeight) / rowHeight) - 1) : first;
  return { first, last };
}

/**
 * The window of rows to render inside the scrolling element `scrollRef`. Follows its scrolling and
 * resizing; re-renders only when the rows in view change, synchronously while scrolling (so a fast
 * scroll never shows blank space where rows belong), and before the first paint.
 */
export function useRowWindow(scrollRef: RefObject<HTMLElement | null>, count: number, rowHeight: number, overscan: number): RowWindow {
  const [inView, setInView] = useState<InView>({ first: 0, last: 0 });

  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const read = () => {
      const next = rowsInView(el.scrollTop, el.clientHeight, rowHeight);
      setInView((v) => (v.first === next.first && v.last === next.last ? v : next));
    };
    return watchView(el, read);
  }, [scrollRef, rowHeight]);

  const scrollToCenter = useCallback(
    (index: number) => {
      const el = scrollRef.current;
      if (!el) return;
      const max = Math.max(0, count * rowHeight - el.clientHeight);
      el.scrollTop = Math.min(max, Math.max(0, index * rowHeight - (el.clientHeight - rowHeight) / 2));
    },
    [scrollRef, count, rowHeight],
  );

  return { ...rowWindow(inView, count, rowHeight, overscan), scrollToCenter };
}

// The card list on phones mixes items of two heights (a role's header, an instance's card): the same
// window, found by offsets instead of a multiplication.

/** Where each item starts, from their heights; the last entry is the whole list's height. */
export function offsetsOf(heights: readonly number[]): number[] {
  const out = [0];
  for (const h of heights) out.push((out.at(-1) ?? 0) + h);
  return out;
}

/** The item at height `y` (the last one when `y` is past the end). Binary search: 2,000 items, ~11 steps. */
export function indexAt(offsets: readonly number[], y: number): number {
  const count = offsets.length - 1;
  let lo = 0;
  let hi = count - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((offsets[mid] ?? 0) <= y) lo = mid;
    else hi = mid - 1;
  }
  return Math.max(0, lo);
}

/** The items in view of a list with these `offsets`, plus overscan, as spacer heights and a range. */
export function itemWindow(offsets: readonly number[], scrollTop: number, viewHeight: number, overscan: number): Omit<RowWindow, "scrollToCenter"> {
  const count = offsets.length - 1;
  if (count <= 0) return { start: 0, end: 0, top: 0, bottom: 0 };
  const first = indexAt(offsets, scrollTop);
  const last = viewHeight > 0 ? indexAt(offsets, Math.max(scrollTop, scrollTop + viewHeight - 1)) : first;
  const start = Math.max(first - overscan, 0);
  const end = Math.min(last + overscan, count - 1) + 1;
  const total = offsets[count] ?? 0;
  return { start, end, top: offsets[start] ?? 0, bottom: total - (offsets[end] ?? total) };
}

/** useRowWindow for items of known, unequal heights (`offsets` from offsetsOf). */
export function useItemWindow(scrollRef: RefObject<HTMLElement | null>, offsets: readonly number[], overscan: number): RowWindow {
  const [view, setView] = useState({ first: 0, last: 0 });
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const read = () => {
      const w = itemWindow(offsets, el.scrollTop, el.clientHeight, 0);
      setView((v) => (v.first === w.start && v.last === w.end ? v : { first: w.start, last: w.end }));
    };
    return watchView(el, read);
  }, [scrollRef, offsets]);

  const scrollToCenter = useCallback(
    (index: number) => {
      const el = scrollRef.current;
      const at = offsets[index];
      if (!el || at === undefined) return;
      const size = (offsets[index + 1] ?? at) - at;
      el.scrollTop = Math.max(0, at - (el.clientHeight - size) / 2);
    },
    [scrollRef, offsets],
  );

  const count = offsets.length - 1;
  const start = Math.max(Math.min(view.first, count) - overscan, 0);
  const end = Math.min(view.last + overscan, count);
  const total = offsets[count] ?? 0;
  return { start, end, top: offsets[start] ?? 0, bottom: total - (offsets[end] ?? total), scrollToCenter };
}
