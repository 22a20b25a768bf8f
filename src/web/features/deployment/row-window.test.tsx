import { act, render } from "@testing-library/react";
import { useRef } from "react";
import { describe, expect, it } from "vitest";
import { indexAt, itemWindow, offsetsOf, rowsInView, rowWindow, useRowWindow } from "./row-window.ts";

const H = 44;

describe("which rows of a fixed-height list to render", () => {
  it("the rows in view, by the scroll offset and the view's height", () => {
    expect(rowsInView(0, 440, H)).toEqual({ first: 0, last: 9 });
    expect(rowsInView(44 * 100 + 10, 440, H)).toEqual({ first: 100, last: 110 });
    // Not laid out yet (no height): the first row only, as the table showed before measuring.
    expect(rowsInView(0, 0, H)).toEqual({ first: 0, last: 0 });
  });

  it("adds the overscan on each side, within the list, and spacers for the rest", () => {
    expect(rowWindow({ first: 0, last: 9 }, 2000, H, 8)).toEqual({ start: 0, end: 18, top: 0, bottom: (2000 - 18) * H });
    expect(rowWindow({ first: 100, last: 110 }, 2000, H, 8)).toEqual({ start: 92, end: 119, top: 92 * H, bottom: (2000 - 119) * H });
    expect(rowWindow({ first: 1995, last: 2005 }, 2000, H, 8)).toEqual({ start: 1987, end: 2000, top: 1987 * H, bottom: 0 });
    // A list that shrank under a scrolled view (a filter): the window moves into what is left.
    expect(rowWindow({ first: 1000, last: 1010 }, 5, H, 8)).toEqual({ start: 0, end: 5, top: 0, bottom: 0 });
    expect(rowWindow({ first: 0, last: 9 }, 0, H, 8)).toEqual({ start: 0, end: 0, top: 0, bottom: 0 });
  });
});

function Probe({ count, onWindow }: { count: number; onWindow: (w: ReturnType<typeof useRowWindow>) => void }) {
  const ref = useRef<HTMLDivElement>(null);
  const w = useRowWindow(ref, count, H, 8);
  onWindow(w);
  return <div ref={ref} data-testid="scroller" />;
}

describe("useRowWindow", () => {
  it("measures before the first paint, follows scrolling, and centres a row on request", () => {
    Object.defineProperty(HTMLElement.prototype, "clientHeight", { configurable: true, get: () => 440 });
    try {
      let last: ReturnType<typeof useRowWindow> | undefined;
      const { getByTestId } = render(<Probe count={2000} onWindow={(w) => (last = w)} />);
      expect(last).toMatchObject({ start: 0, end: 18 });
      const scroller = getByTestId("scroller");
      act(() => {
        scroller.scrollTop = 100 * H;
        scroller.dispatchEvent(new Event("scroll"));
      });
      expect(last).toMatchObject({ start: 92, end: 118, top: 92 * H });
      act(() => last?.scrollToCenter(500));
      // Row 500's middle at the view's middle: 500 * 44 - (440 - 44) / 2.
      expect(scroller.scrollTop).toBe(500 * H - 198);
    } finally {
      delete (HTMLElement.prototype as { clientHeight?: number }).clientHeight;
    }
  });
});

describe("which items of a list of two heights to render (the phone's cards)", () => {
  // A role's header (40) and its instances' cards (116), as the card list lays them out.
  const heights = [40, 116, 116, 116, 40, 116, 116];
  const offsets = offsetsOf(heights);

  it("knows where each item starts, and which item is at a height", () => {
    expect(offsets).toEqual([0, 40, 156, 272, 388, 428, 544, 660]);
    expect(indexAt(offsets, 0)).toBe(0);
    expect(indexAt(offsets, 39)).toBe(0);
    expect(indexAt(offsets, 40)).toBe(1);
    expect(indexAt(offsets, 400)).toBe(4);
    expect(indexAt(offsets, 10_000)).toBe(6);
  });

  it("renders the items in view plus overscan, with spacers for the rest", () => {
    expect(itemWindow(offsets, 0, 200, 0)).toEqual({ start: 0, end: 3, top: 0, bottom: 660 - 272 });
    // 300…449 shows items 3 to 5; one more on each side.
    expect(itemWindow(offsets, 300, 150, 1)).toEqual({ start: 2, end: 7, top: 156, bottom: 0 });
    expect(itemWindow(offsets, 0, 100, 1)).toEqual({ start: 0, end: 3, top: 0, bottom: 660 - 272 });
    expect(itemWindow(offsets, 0, 0, 0)).toEqual({ start: 0, end: 1, top: 0, bottom: 620 });
    expect(itemWindow(offsetsOf([]), 0, 500, 4)).toEqual({ start: 0, end: 0, top: 0, bottom: 0 });
  });

  it("keeps 2,000 instances to a few dozen rendered cards", () => {
    const many = offsetsOf([40, ...Array.from({ length: 2000 }, () => 116)]);
    const w = itemWindow(many, 116 * 1500, 700, 6);
    expect(w.end - w.start).toBeLessThan(25);
    expect(w.top + (many[w.end] ?? 0) - (many[w.start] ?? 0) + w.bottom).toBe(many.at(-1));
  });
});
