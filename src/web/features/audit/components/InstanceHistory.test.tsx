import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import type { AuditEntry } from "../../../../shared/api.ts";
import { InstanceHistory } from "./InstanceHistory.tsx";

afterEach(cleanup);

const entry = (id: number, outcome: AuditEntry["outcome"]): AuditEntry => ({
  id, at: "2025-01-01T10:00:00Z", actor: "Ada", action: "reimage", subscription: "s", target: "/api/subscriptions/s/services/svc/deployments/staging", instances: ["W_0"], operationId: null, outcome,
});

describe("InstanceHistory", () => {
  it("words audit outcomes for people, not as stored values", () => {
    render(<InstanceHistory entries={[entry(1, "accepted"), entry(2, "InProgress"), entry(3, "rejected")]} error={null} loading={false} />);
    expect(screen.getByText("Accepted by Azure")).toBeTruthy();
    expect(screen.getByText("In progress")).toBeTruthy();
    expect(screen.getByText("Refused")).toBeTruthy();
    expect(screen.queryByText("rejected")).toBeNull();
  });
});
