import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { TOAST_MS, ToastProvider, useToast } from "./toast.tsx";

beforeEach(() => vi.useFakeTimers());
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

function Notifier() {
  const { notify } = useToast();
  return (
    <>
      <button onClick={() => notify("success", "Link copied")}>ok</button>
      <button onClick={() => notify("error", "Reimage failed", "Retry later.")}>fail</button>
    </>
  );
}

const setup = () => render(<ToastProvider><Notifier /></ToastProvider>);

describe("toasts", () => {
  it("a success goes by itself; a failure stays until dismissed", () => {
    setup();
    fireEvent.click(screen.getByText("ok"));
    fireEvent.click(screen.getByText("fail"));
    expect(screen.getByRole("status").textContent).toContain("Link copied");
    expect(screen.getByRole("alert").textContent).toContain("Reimage failed");
    act(() => {
      vi.advanceTimersByTime(TOAST_MS + 1);
    });
    expect(screen.queryByText("Link copied")).toBeNull();
    act(() => {
      vi.advanceTimersByTime(10 * TOAST_MS);
    });
    expect(screen.getByText("Reimage failed")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Dismiss: Reimage failed" }));
    expect(screen.queryByText("Reimage failed")).toBeNull();
  });

  it("a success stays while the pointer is on it, then gets its full time again", () => {
    setup();
    fireEvent.click(screen.getByText("ok"));
    const stack = screen.getByRole("status").parentElement as HTMLElement;
    act(() => {
      vi.advanceTimersByTime(TOAST_MS - 1_000);
    });
    fireEvent.pointerOver(screen.getByText("Link copied"));
    act(() => {
      vi.advanceTimersByTime(3 * TOAST_MS);
    });
    expect(screen.getByText("Link copied")).toBeTruthy();
    fireEvent.pointerOut(screen.getByText("Link copied"), { relatedTarget: document.body });
    act(() => {
      vi.advanceTimersByTime(TOAST_MS - 1_000);
    });
    expect(screen.getByText("Link copied")).toBeTruthy();
    act(() => {
      vi.advanceTimersByTime(1_001);
    });
    expect(screen.queryByText("Link copied")).toBeNull();
    expect(stack.childElementCount).toBe(2);
  });

  it("keeps three at most, letting successes go before failures", () => {
    setup();
    fireEvent.click(screen.getByText("fail"));
    for (let i = 0; i < 4; i++) fireEvent.click(screen.getByText("ok"));
    expect(screen.getAllByText("Link copied")).toHaveLength(2);
    expect(screen.getByText("Reimage failed")).toBeTruthy();
  });
});
