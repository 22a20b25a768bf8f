import { cleanup, fireEvent, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Operation } from "../../../../shared/api.ts";
import type { Outcome } from "../outcome.ts";
import { renderInRouter } from "../../../test/in-router.tsx";
import { OperationEntry, type TrayFollow } from "./OperationEntry.tsx";

afterEach(cleanup);

const T = "/api/subscriptions/7d9c1d9e-3c4b-4f5a-8e2d-1a2b3c4d5e6f/services/contoso-web/deployments/staging";
const failed: Operation = {
  id: "a", status: "Failed", action: "reimage", instances: ["W_0"], requestedBy: "Ada", requestedAt: "2025-01-01T10:30:15.000Z", target: T,
  error: { code: "InternalError", message: "Retry later." },
};
const outcome: Outcome = { summary: "Reimage failed · went through Stopping role, back to Ready · not reimaged", short: "", detail: "…", tone: "failed", failed: true };

async function show(op: Operation, follow: Partial<TrayFollow> = {}) {
  const onRetry = vi.fn();
  const value: TrayFollow = { target: T, outcomes: new Map([["a", [{ instance: "W_0", outcome }]]]), onRetry, retryDisabledReason: null, reasonId: "why", ...follow };
  await renderInRouter(<ul><OperationEntry op={op} open={false} onOpen={vi.fn()} follow={value} /></ul>);
  return onRetry;
}

describe("OperationEntry", () => {
  it("says what a failure did to the instance and offers Retry…, which reopens the confirmation", async () => {
    const onRetry = await show(failed);
    expect(screen.getByText(outcome.summary)).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Retry reimage of W_0" }));
    expect(onRetry).toHaveBeenCalledWith(failed);
  });

  it("offers Retry… off, with the reason, while actions are off on the target", async () => {
    const onRetry = await show(failed, { retryDisabledReason: "Live updates are paused; resume them to act." });
    const retry = screen.getByRole("button", { name: "Retry reimage of W_0" });
    expect(retry.getAttribute("aria-disabled")).toBe("true");
    expect(retry.getAttribute("aria-describedby")).toBe("why");
    fireEvent.click(retry);
    expect(onRetry).not.toHaveBeenCalled();
  });

  it("adds nothing to another target's operations", async () => {
    await show({ ...failed, target: T.replace("staging", "production") });
    expect(screen.queryByText(outcome.summary)).toBeNull();
    expect(screen.queryByRole("button", { name: /Retry/ })).toBeNull();
  });

  it("links the instance to its details and the target to its page, with the operation open", async () => {
    await show(failed);
    expect(screen.getByRole("link", { name: "W_0" }).getAttribute("href")).toBe("/s/7d9c1d9e-3c4b-4f5a-8e2d-1a2b3c4d5e6f/services/contoso-web/staging?instance=W_0&op=a");
    expect(screen.getByRole("link", { name: "contoso-web · staging" }).getAttribute("href")).toBe("/s/7d9c1d9e-3c4b-4f5a-8e2d-1a2b3c4d5e6f/services/contoso-web/staging?op=a");
  });

  it("keeps an action whose outcome stayed unknown as a final entry: says so and what to do, with its links and details, and no Retry", async () => {
    const unknown: Operation = {
      id: "", status: "Failed", unconfirmed: true, action: "reimage", instances: ["W_0"], requestedBy: "Ada", requestedAt: "2025-01-01T10:30:15.000Z", finishedAt: "2025-01-01T10:30:25.000Z", target: T,
      error: { code: "UpstreamTimeout", message: "A reimage of W_0 may have started; Azure showed nothing running on the target." },
    };
    const seen: Outcome = { summary: "Seen here: went through Stopping role, back to Ready", short: "", detail: "…", tone: "warn", failed: false };
    await show(unknown, { outcomes: new Map([[`${T}@${unknown.requestedAt}`, [{ instance: "W_0", outcome: seen }]]]) });
    expect(screen.getByText("Outcome unknown")).toBeTruthy();
    expect(screen.queryByText(/Failed/)).toBeNull();
    expect(screen.getByText("Outcome unknown — check the instance. Rolecall never learnt how this reimage of W_0 ended, and no longer holds the target.")).toBeTruthy();
    expect(screen.getByText(unknown.error?.message ?? "")).toBeTruthy();
    expect(screen.getByText(seen.summary)).toBeTruthy();
    expect(screen.queryByText(/May have started/)).toBeNull();
    expect(screen.queryByRole("button", { name: /Retry/ })).toBeNull();
    expect(screen.getByRole("link", { name: "W_0" }).getAttribute("href")).toBe("/s/7d9c1d9e-3c4b-4f5a-8e2d-1a2b3c4d5e6f/services/contoso-web/staging?instance=W_0");
    // No operation id for the URL to name: its details open in place.
    fireEvent.click(screen.getByRole("button", { name: "Details" }));
    expect(screen.getByText("None: Azure's answer to the request never came")).toBeTruthy();
    expect(screen.getByRole("button", { name: "Hide details" }).getAttribute("aria-expanded")).toBe("true");
  });
});
