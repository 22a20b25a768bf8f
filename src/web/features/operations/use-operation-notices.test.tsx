import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Operation } from "../../../shared/api.ts";
import { ToastProvider } from "../../components/ui/toast.tsx";
import { useOperationNotices } from "./use-operation-notices.ts";

afterEach(cleanup);

const T = "/api/subscriptions/7d9c1d9e-3c4b-4f5a-8e2d-1a2b3c4d5e6f/services/contoso-web/deployments/staging";
const unconfirmed = (requestedAt: string, status: Operation["status"]): Operation => ({
  id: "", status, unconfirmed: true, action: "reimage", instances: ["W_0"], requestedBy: "Ada", requestedAt, target: T,
  ...(status === "Failed" ? { error: { code: "UpstreamTimeout", message: "Azure did not answer within 10 s" } } : {}),
});

function Notices({ ops, onFinished }: { ops: Operation[]; onFinished: (op: Operation) => void }) {
  useOperationNotices(ops, onFinished);
  return null;
}

describe("operation notices", () => {
  it("announces an unconfirmed action's end as outcome unknown, not as a failure, and only its own end", () => {
    const onFinished = vi.fn();
    const older = unconfirmed("2025-01-01T09:00:00.000Z", "Failed"); // ended before this page looked
    const { rerender } = render(<ToastProvider><Notices ops={[unconfirmed("2025-01-01T10:00:00.000Z", "InProgress"), older]} onFinished={onFinished} /></ToastProvider>);
    expect(screen.queryByRole("alert")?.textContent ?? "").toBe("");
    rerender(<ToastProvider><Notices ops={[unconfirmed("2025-01-01T10:00:00.000Z", "Failed"), older]} onFinished={onFinished} /></ToastProvider>);
    const alert = screen.getByRole("alert");
    expect(alert.textContent).toContain("Reimage of W_0: outcome unknown — check the instance");
    expect(alert.textContent).toContain("Check the instance before acting on it again.");
    expect(alert.textContent).not.toMatch(/failed/);
    expect(onFinished).toHaveBeenCalledTimes(1);
  });
});
