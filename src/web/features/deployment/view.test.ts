import { describe, expect, it } from "vitest";
import type { Instance } from "../../../shared/api.ts";
import { statusTone } from "../../../shared/status-catalog.ts";
import { buildTable, sortInstances } from "./view.ts";

const inst = (name: string, role: string, status: string, ud = 0): Instance => ({
  name, role, status, tone: statusTone(status), powerState: "Started", upgradeDomain: ud, faultDomain: 0, size: "Small", ipAddress: "10.0.0.1",
});

describe("instance table view", () => {
  const all = [inst("W_IN_10", "W", "ReadyRole", 1), inst("W_IN_2", "W", "StoppedVM", 0), inst("W_IN_1", "W", "ReadyRole", 1), inst("K_IN_0", "K", "CyclingRole")];

  it("sorts names naturally and breaks ties by name, whatever the input order", () => {
    expect(sortInstances(all, "upgradeDomain").map((i) => i.name)).toEqual(["K_IN_0", "W_IN_2", "W_IN_1", "W_IN_10"]);
    expect(sortInstances([...all].reverse(), "upgradeDomain").map((i) => i.name)).toEqual(["K_IN_0", "W_IN_2", "W_IN_1", "W_IN_10"]);
    expect(sortInstances(all, "-name").map((i) => i.name)).toEqual(["W_IN_10", "W_IN_2", "W_IN_1", "K_IN_0"]);
    expect(sortInstances(all, "status").map((i) => i.name)).toEqual(["K_IN_0", "W_IN_2", "W_IN_1", "W_IN_10"]);
  });

  it("groups by role in server order with ready counts, and filters by role, tone and text", () => {
    const items = buildTable(all, ["W", "K"], { tone: "notready" });
    expect(items).toEqual([
      { kind: "role", role: "W", ready: 2, total: 3, shown: 1 },
      { kind: "instance", instance: all[1] },
      { kind: "role", role: "K", ready: 0, total: 1, shown: 1 },
      { kind: "instance", instance: all[3] },
    ]);
    expect(buildTable(all, ["W", "K"], { role: "K" }).map((i) => (i.kind === "role" ? i.role : i.instance.name))).toEqual(["K", "K_IN_0"]);
    expect(buildTable(all, ["W", "K"], { q: "cycling" }).filter((i) => i.kind === "instance")).toHaveLength(1);
  });

  it("takes readiness and tone from the proxy's `tone`, whatever the status text", () => {
    // An ARM status this SPA's catalog may not know: the proxy's tone decides.
    const arm: Instance = { ...inst("vm_0", "V", "PowerState/running"), tone: "ok" };
    const starting: Instance = { ...inst("vm_1", "V", "PowerState/starting"), tone: "transitional" };
    expect(buildTable([arm, starting], ["V"], { tone: "notready" })).toEqual([
      { kind: "role", role: "V", ready: 1, total: 2, shown: 1 },
      { kind: "instance", instance: starting },
    ]);
    expect(sortInstances([arm, starting], "status").map((i) => i.name)).toEqual(["vm_1", "vm_0"]);
  });
});
