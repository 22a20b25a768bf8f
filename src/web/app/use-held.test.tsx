import { cleanup, renderHook } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { useHeld } from "./use-held.ts";

afterEach(cleanup);

describe("useHeld", () => {
  it("holds the value while frozen and catches up when unfrozen", () => {
    const { result, rerender } = renderHook(({ value, frozen }) => useHeld(value, frozen), { initialProps: { value: 1, frozen: false } });
    expect(result.current).toBe(1);
    rerender({ value: 2, frozen: true });
    expect(result.current).toBe(1);
    rerender({ value: 3, frozen: true });
    expect(result.current).toBe(1);
    rerender({ value: 3, frozen: false });
    expect(result.current).toBe(3);
  });
});
