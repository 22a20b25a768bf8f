import { describe, expect, it } from "vitest";
import type { Instance } from "../../../shared/api.ts";
import { statusTone } from "../../../shared/status-catalog.ts";
import { clickSelection, formatSelection, knownSelection, notReadyNames, parseSelection, roleState, toggleRole, upgradeDomainNames, upgradeDomains } from "./selection.ts";

const inst = (name: string, status: string, ud: number): Instance => ({
  name, role: name.split("_")[0] ?? "", status, tone: statusTone(status), powerState: "Started", upgradeDomain: ud, faultDomain: 0, size: "Small",
});
const shown = ["W_IN_0", "W_IN_1", "W_IN_2", "W_IN_3", "W_IN_10"];

describe("job selection", () => {
  it("reads the URL list leniently and writes it in natural order", () => {
    expect(parseSelection("W_IN_1,,../x,W_IN_1, W_IN_0")).toEqual(["W_IN_1", "W_IN_0"]);
    expect(parseSelection(undefined)).toEqual([]);
    expect(formatSelection(["W_IN_10", "W_IN_2", "W_IN_2"])).toBe("W_IN_2,W_IN_10");
    expect(formatSelection([])).toBeUndefined();
    expect(knownSelection(["W_IN_0", "Gone_IN_0"], [{ name: "W_IN_0" }])).toEqual(["W_IN_0"]);
    // A link naming a protected instance does not choose it: Azure would refuse it.
    expect(knownSelection(["0", "3"], [{ name: "0" }, { name: "3", protectedFromActions: true }])).toEqual(["0"]);
  });

  it("toggles one on a plain click and a range on shift-click, both ways", () => {
    expect(clickSelection([], shown, "W_IN_1", undefined, false)).toEqual(["W_IN_1"]);
    expect(clickSelection(["W_IN_1"], shown, "W_IN_1", "W_IN_1", false)).toEqual([]);
    expect(clickSelection(["W_IN_1"], shown, "W_IN_3", "W_IN_1", true).sort()).toEqual(["W_IN_1", "W_IN_2", "W_IN_3"]);
    // Upwards, and unselecting: the range takes the clicked box's new state.
    expect(clickSelection(shown, shown, "W_IN_0", "W_IN_2", true)).toEqual(["W_IN_3", "W_IN_10"]);
    // No anchor (or one filtered away): shift-click is a plain click.
    expect(clickSelection([], shown, "W_IN_3", "Hidden_IN_0", true)).toEqual(["W_IN_3"]);
  });

  it("selects a whole role, or clears it when all of it is selected", () => {
    const members = ["W_IN_0", "W_IN_1"];
    expect(roleState(new Set(["W_IN_0"]), members)).toBe("some");
    expect(toggleRole(["W_IN_0", "A_IN_0"], members).sort()).toEqual(["A_IN_0", "W_IN_0", "W_IN_1"]);
    expect(toggleRole(["W_IN_0", "W_IN_1", "A_IN_0"], members)).toEqual(["A_IN_0"]);
  });

  it("picks the not-ready instances and an upgrade domain", () => {
    const all = [inst("W_IN_0", "ReadyRole", 0), inst("W_IN_1", "StoppedVM", 1), inst("A_IN_0", "Weird", 1)];
    expect(notReadyNames(all)).toEqual(["W_IN_1", "A_IN_0"]);
    expect(upgradeDomainNames(all, 1)).toEqual(["W_IN_1", "A_IN_0"]);
    // Picks never add an instance protected from actions.
    const guarded = [...all, { ...inst("W_IN_2", "StoppedVM", 1), protectedFromActions: true }];
    expect(notReadyNames(guarded)).toEqual(["W_IN_1", "A_IN_0"]);
    expect(upgradeDomainNames(guarded, 1)).toEqual(["W_IN_1", "A_IN_0"]);
    expect(upgradeDomains(all)).toEqual([0, 1]);
  });
});
