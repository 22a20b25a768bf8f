import { describe, expect, it } from "vitest";
import { availabilityImpact } from "../../../shared/availability.ts";
import type { Instance, Operation } from "../../../shared/api.ts";
import { statusTone } from "../../../shared/status-catalog.ts";
import { formatTime } from "../../lib/format.ts";
import { confirmationRule, outageWarning, statusChanges, targetBusyReason } from "./confirmation.ts";

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
    expect(confirmationRule("reimage", false, [down], ["J_0"], "svc").reasons).toEqual(["Role J already has no ready instance (outage)."]);
  });
});

describe("confirmationRule", () => {
  const web = [inst("W_0", "W", "ReadyRole"), inst("W_1", "W", "ReadyRole")];
  const impacts = availabilityImpact(web, ["W_0"]);

  it("asks nothing more than a click for a reboot or a reimage in staging without an outage", () => {
    expect(confirmationRule("reboot", false, impacts, ["W_0"], "svc")).toEqual({ word: null, reasons: [] });
    expect(confirmationRule("reimage", false, impacts, ["W_0"], "svc")).toEqual({ word: null, reasons: [] });
  });

  it("always asks for the typed word for a rebuild, saying what it erases", () => {
    expect(confirmationRule("rebuild", false, impacts, ["W_0"], "svc")).toEqual({ word: "W_0", reasons: ["Rebuild erases all local data on W_0; it cannot be undone."] });
    expect(confirmationRule("rebuild", false, impacts, ["W_0", "W_1"], "svc").word).toBe("svc");
  });

  it("asks for the word in production whatever the action", () => {
    expect(confirmationRule("reboot", true, impacts, ["W_0"], "svc").word).toBe("W_0");
  });
});

const at = "2025-01-01T10:30:15.000Z";
const op: Operation = { id: "a", status: "InProgress", action: "reimage", instances: ["W_1"], requestedBy: "Grace", requestedAt: at };

describe("targetBusyReason", () => {
  it("names who started which operation, and when", () => {
    expect(targetBusyReason({ inFlight: [op] })).toBe(`Grace started Reimage of W_1 at ${formatTime(at)}: Confirm is off until it ends (Azure allows one operation at a time on a target).`);
  });

  it("names who started a running job and where it is; a paused job holds nothing", () => {
    const job = { id: "j", state: "running" as const, action: "reboot" as const, requestedBy: "Ada", requestedAt: at, stepsDone: 1, steps: 3 };
    expect(targetBusyReason({ inFlight: [], job })).toBe(`Ada started a reboot job on this target at ${formatTime(at)} (step 2 of 3): Confirm is off while it runs.`);
    expect(targetBusyReason({ inFlight: [], job: { ...job, state: "paused" } })).toBeNull();
    expect(targetBusyReason({ inFlight: [{ ...op, status: "Succeeded" }] })).toBeNull();
  });
});
