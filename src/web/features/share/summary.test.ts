import { describe, expect, it } from "vitest";
import type { Instance } from "../../../shared/api.ts";
import { statusTone } from "../../../shared/status-catalog.ts";
import { deploymentSummary } from "./summary.ts";

const inst = (name: string, role: string, status: string, ud = 0): Instance => ({
  name, role, status, tone: statusTone(status), powerState: "Started", upgradeDomain: ud, faultDomain: 0, size: "Small", ipAddress: "10.0.0.1",
});

const staging = { noun: "Cloud service", name: "s", resourceGroup: undefined, slot: "staging", production: false };

describe("deploymentSummary", () => {
  it("gives service, slot, per-role counts, not-ready instances and in-flight operations; Azure's and people's words inert", () => {
    const md = deploymentSummary({
      target: { noun: "Cloud service", name: "contoso-web", resourceGroup: undefined, slot: "production", production: true },
      mode: "azure",
      subscriptionName: "Contoso",
      roles: ["Web", "Worker"],
      instances: [inst("Web_IN_0", "Web", "ReadyRole"), inst("Web_IN_1", "Web", "StoppingRole", 1), { ...inst("Worker_IN_0", "Worker", "Weird"), stateDetails: "@here **Ready**" }],
      inFlight: [{ id: "a".repeat(32), status: "InProgress", action: "reimage", instances: ["Web_IN_1"], requestedBy: "Ada @channel", requestedAt: "2025-01-01T10:00:00Z" }],
      asOf: "2025-01-01T10:00:05Z",
      url: "http://rolecall/s/x?tone=notready",
    });
    expect(md).toBe(
      [
        "**contoso-web** · **PRODUCTION** · Contoso (Azure) · as of 2025-01-01 10:00:05 UTC",
        "",
        "- Web: 1 of 2 ready",
        "- Worker: 0 of 1 ready",
        "",
        "Not ready (2):",
        "- `Web_IN_1` (Web, UD 1): Stopping role (StoppingRole)",
        "- `Worker_IN_0` (Worker, UD 0): Unknown (Weird) — `@\u200Dhere **Ready**`",
        "",
        "In flight:",
        "- Reimage `Web_IN_1`: InProgress, requested by `Ada @\u200Dchannel` at 2025-01-01 10:00:00 UTC",
        "",
        "View: http://rolecall/s/x?tone=notready",
      ].join("\n"),
    );
  });

  it("says when all is ready and caps long lists", () => {
    const ready = deploymentSummary({ target: staging, mode: "emulator", subscriptionName: "S", roles: ["R"], instances: [inst("a", "R", "ReadyRole")], inFlight: [], asOf: "t", url: "u" });
    expect(ready).toContain("All instances are ready.");
    expect(ready).toContain("· staging ·");
    const many = Array.from({ length: 25 }, (_, i) => inst(`x${i}`, "R", "StoppedVM"));
    const capped = deploymentSummary({ target: staging, mode: "emulator", subscriptionName: "S", roles: ["R"], instances: many, inFlight: [], asOf: "t", url: "u", maxListed: 3 });
    expect(capped).toContain("Not ready (25):");
    expect(capped).toContain("- …and 22 more");
  });

  it("names an extended cloud service by its resource group and slot type, without the production alarm", () => {
    const target = { noun: "Cloud service", name: "contoso-shop", resourceGroup: "rg-shop-prod", slot: "production", production: false };
    const md = deploymentSummary({ target, mode: "emulator", subscriptionName: "S", roles: ["R"], instances: [inst("R_IN_0", "R", "RoleState/RoleStateStarted")], inFlight: [], asOf: "t", url: "u" });
    expect(md.split("\n")[0]).toBe("**contoso-shop** (resource group rg-shop-prod) · production · S (emulator) · as of t");
    expect(md).toContain("- R: 1 of 1 ready");
  });
});
