import { describe, expect, it } from "vitest";
import type { AuditEntry } from "../../../shared/api.ts";
import { auditQueryOf, matchesAudit, targetOfParam, targetParam } from "./filter.ts";

const SUB = "7d9c1d9e-3c4b-4f5a-8e2d-1a2b3c4d5e6f";
const entry = (over: Partial<AuditEntry>): AuditEntry => ({
  id: 1, at: "2025-01-01T10:00:00.000Z", actor: "Ada Lovelace", action: "reimage", subscription: SUB,
  target: `/api/subscriptions/${SUB}/services/contoso-web/deployments/staging`, instances: ["W_0"], operationId: "a".repeat(32), outcome: "Succeeded", ...over,
});

describe("the audit view's target in the URL", () => {
  it("is the target's path below the subscription, and reads back to the same target", () => {
    const classic = { kind: "classic", subscription: SUB, service: "contoso-web", slot: "production" } as const;
    const scaleset = { kind: "scaleset", subscription: SUB, resourceGroup: "rg-checkout", name: "checkout-web" } as const;
    expect(targetParam(classic)).toBe("services/contoso-web/deployments/production");
    expect(targetParam(scaleset)).toBe("resourceGroups/rg-checkout/virtualMachineScaleSets/checkout-web");
    expect(targetOfParam(SUB, targetParam(classic))).toEqual(classic);
    expect(targetOfParam(SUB, targetParam(scaleset))).toEqual(scaleset);
  });

  it("names no target when the value is not exactly one", () => {
    expect(targetOfParam(SUB, undefined)).toBeUndefined();
    expect(targetOfParam(SUB, "services/contoso-web")).toBeUndefined();
    expect(targetOfParam(SUB, "services/contoso-web/deployments/production/extra")).toBeUndefined();
    expect(targetOfParam(SUB, "services/../deployments/production")).toBeUndefined();
  });
});

describe("the /api/audit query of a view", () => {
  it("asks for the target when there is one, else the subscription; with instance, before and limit", () => {
    expect(auditQueryOf(SUB, {})).toEqual({ subscription: SUB, limit: "100" });
    expect(auditQueryOf(SUB, { target: "services/contoso-web/deployments/staging", instance: "W_0", before: "41", actor: "ada", outcome: "failed", limit: "50" })).toEqual({
      target: `/api/subscriptions/${SUB}/services/contoso-web/deployments/staging`,
      instance: "W_0",
      before: "41",
      limit: "50",
    });
    // A target that is not one falls back to the whole subscription rather than to nothing.
    expect(auditQueryOf(SUB, { target: "services/nope", limit: "10" })).toEqual({ subscription: SUB, limit: "10" });
  });
});

describe("the filters the proxy does not apply", () => {
  it("actor: any part of the name, any case", () => {
    expect(matchesAudit(entry({}), { actor: "lovelace" })).toBe(true);
    expect(matchesAudit(entry({}), { actor: " ADA " })).toBe(true);
    expect(matchesAudit(entry({}), { actor: "grace" })).toBe(false);
  });

  it("outcome: failed takes failures, refusals and unknown ends; running takes what has not ended", () => {
    const failed = ["Failed", "rejected", "unknown"] as const;
    for (const outcome of failed) expect(matchesAudit(entry({ outcome }), { outcome: "failed" })).toBe(true);
    expect(matchesAudit(entry({ outcome: "Succeeded" }), { outcome: "failed" })).toBe(false);
    expect(matchesAudit(entry({ outcome: "InProgress" }), { outcome: "running" })).toBe(true);
    expect(matchesAudit(entry({ outcome: "accepted" }), { outcome: "succeeded" })).toBe(false);
    expect(matchesAudit(entry({ outcome: "Failed", actor: "Grace" }), { outcome: "failed", actor: "ada" })).toBe(false);
    expect(matchesAudit(entry({}), {})).toBe(true);
  });
});
