import { describe, expect, it } from "vitest";
import { actorScanQueryOf, actorsOf, auditQueryOf, suggestedActors, targetOfParam, targetParam } from "./filter.ts";

const SUB = "7d9c1d9e-3c4b-4f5a-8e2d-1a2b3c4d5e6f";

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
  it("asks for the target when there is one, else the subscription; with every filter and the page", () => {
    expect(auditQueryOf(SUB, {})).toEqual({ subscription: SUB, limit: "100" });
    expect(auditQueryOf(SUB, { target: "services/contoso-web/deployments/staging", instance: "W_0", before: "41", actor: " Ada Lovelace ", outcome: "running", limit: "50" })).toEqual({
      target: `/api/subscriptions/${SUB}/services/contoso-web/deployments/staging`,
      instance: "W_0",
      actor: "Ada Lovelace",
      outcome: "pending,accepted,InProgress",
      before: "41",
      limit: "50",
    });
    // A target that is not one falls back to the whole subscription rather than to nothing.
    expect(auditQueryOf(SUB, { target: "services/nope", limit: "10" })).toEqual({ subscription: SUB, limit: "10" });
  });

  it("asks the proxy for every outcome a choice stands for: failed is also refused and unknown", () => {
    expect(auditQueryOf(SUB, { outcome: "failed" }).outcome).toBe("Failed,rejected,unknown");
    expect(auditQueryOf(SUB, { outcome: "succeeded" }).outcome).toBe("Succeeded");
    expect(auditQueryOf(SUB, { actor: "  " })).toEqual({ subscription: SUB, limit: "100" });
  });
});

describe("the names \"Who\" offers", () => {
  it("come from the view's scope alone: no actor, outcome, instance or page, so a half-typed name cannot empty them", () => {
    expect(actorScanQueryOf(SUB, {})).toEqual({ subscription: SUB, limit: "200" });
    const view = { target: "services/contoso-web/deployments/staging", actor: "ada", outcome: "failed", instance: "W_0", before: "41" } as const;
    expect(actorScanQueryOf(SUB, view)).toEqual({ target: `/api/subscriptions/${SUB}/services/contoso-web/deployments/staging`, limit: "200" });
  });

  it("are each name once, sorted; for what was typed, those that contain it, else all", () => {
    const names = actorsOf([{ actor: "Grace Hopper" }, { actor: "Ada Lovelace" }, { actor: "Grace Hopper" }, { actor: "local operator" }]);
    expect(names).toEqual(["Ada Lovelace", "Grace Hopper", "local operator"]);
    expect(suggestedActors(names, "ADA")).toEqual(["Ada Lovelace"]);
    expect(suggestedActors(names, "nobody")).toEqual(names);
    expect(suggestedActors(names, "o", 2)).toEqual(["Ada Lovelace", "Grace Hopper"]);
  });
});
