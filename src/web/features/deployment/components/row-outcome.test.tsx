import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { RowActionsContext } from "./row-actions.tsx";
import { RowOutcomeContext, RowOutcomeLine, type RowOutcome } from "./row-outcome.tsx";

afterEach(cleanup);

function show(outcome: RowOutcome, disabledReason: string | null = null, protectedFromActions = false) {
  const onAction = vi.fn();
  render(
    <RowActionsContext.Provider value={{ disabledReason, reasonId: "why", onAction, menu: [] }}>
      <RowOutcomeContext.Provider value={new Map([["W_0", outcome]])}>
        <RowOutcomeLine instance="W_0" protectedFromActions={protectedFromActions} separated={false} />
      </RowOutcomeContext.Provider>
    </RowActionsContext.Provider>,
  );
  return onAction;
}

describe("RowOutcomeLine", () => {
  it("offers Retry… on a failure, reopening the same action", () => {
    const onAction = show({ summary: "Reimage failed · stayed Ready · not reimaged", detail: "d", tone: "failed", retry: "reimage" });
    expect(screen.getByText("Reimage failed · stayed Ready · not reimaged")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Retry reimage of W_0" }));
    expect(onAction).toHaveBeenCalledWith("W_0", "reimage");
  });

  it("keeps Retry… off while actions are off, and away from a protected instance", () => {
    const onAction = show({ summary: "s", detail: "d", tone: "failed", retry: "reboot" }, "Paused.");
    fireEvent.click(screen.getByRole("button", { name: "Retry reboot of W_0" }));
    expect(onAction).not.toHaveBeenCalled();
    cleanup();
    show({ summary: "s", detail: "d", tone: "failed", retry: "reboot" }, null, true);
    expect(screen.queryByRole("button", { name: /Retry/ })).toBeNull();
  });

  it("counts the wait for ready", () => {
    show({ summary: "Reimage done · not ready after ", detail: "d", tone: "warn", waitingSince: Date.now() - 125_000 });
    expect(screen.getByText(/^Reimage done · not ready after 2 min [56] s$/)).toBeTruthy();
  });
});
