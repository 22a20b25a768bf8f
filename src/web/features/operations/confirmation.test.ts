import { describe, expect, it } from "vitest";
import { availabilityImpact } from "../../../shared/availability.ts";
import type { Instance } from "../../../shared/api.ts";
import { statusTone } from "../../../shared/status-catalog.ts";
import { confirmationRule, outageWarning, statusChanges } from "./confirmation.ts";

const inst = (name: string, role: string, status: string): Instance => ({
  name, role, status, tone: statusTone(status), powerState: "Started", upgradeDomain: 0, faultDomain: 0, size: "Small", ipAddress: "10.0.0.1",
});

describe("statusChanges", () => {
  it("lists target and same-role changes only, including an instance that disappeared", () => {
    const before = [inst("W_0", "W", "ReadyRole"), inst("W_1", "W", "ReadyRole"), inst("W_2", "W", "ReadyRole"), inst("J_0", "J", "ReadyRole")];
    const after = [inst("W_0", "W", "BusyRole"), inst("W_1", "W", "ReadyRole"), inst("J_0", "J", "StoppedVM")];
    expect(statusChanges(before, after, ["W_1"])).toEqual([
      { name: "W_0", role: "W", before: "ReadyRole", after: "BusyRole" },
      { name: "W_2", role: "W", before: "ReadyRole", after: null },
    ]);
    expect(statusChanges(before, before, ["W_1"])).toEqual([]);
  });
});

describe("outage wording", () => {
  it("says 'already' when the role has no ready instance now", () => {
    const [down] = availabilityImpact([inst("J_0", "J", "StoppedVM")], ["J_0"]);
    const [last] = availabilityImpact([inst("J_0", "J", "ReadyRole")], ["J_0"]);
    if (!down || !last) throw new Error("no impact");
    expect(outageWarning(down)).toBe("Outage warning: J already has no ready instance; it stays without one until this finishes.");
    expect(outageWarning(last)).toBe("Outage warning: J will have no ready instance until this finishes.");
    expect(confirmationRule(false, [down], ["J_0"], "svc").reasons).toEqual(["Role J already has no ready instance (outage)."]);
  });
});
