import { describe, expect, it } from "vitest";
import type { Instance } from "../../shared/api.ts";
import type { Backend, Backends, TargetData } from "../backends/types.ts";
import type { Reads } from "../reads.ts";
import { checkChosenInstance, refuseProtected } from "./protected.ts";

// Protected instances (a scale set's protectFromScaleSetActions) are refused generically: any
// backend may mark them, and the check needs only the target as read.

const SUB = "7d9c1d9e-3c4b-4f5a-8e2d-1a2b3c4d5e6f";
const target = { kind: "scaleset", subscription: SUB, resourceGroup: "rg", name: "vmss" } as const;
const identity = { kind: "anonymous" } as const;
const instance = (name: string, protectedFromActions?: true): Instance => ({ name, role: "vmss", status: "PowerState/running", tone: "ok", powerState: "running", upgradeDomain: 0, faultDomain: 0, size: "", ...(protectedFromActions ? { protectedFromActions } : {}) });
const instances = [instance("0"), instance("1", true), instance("2", true)];

describe("refuseProtected", () => {
  it("passes unprotected choices; names every protected one chosen, with InstanceProtected", () => {
    expect(() => refuseProtected(instances, ["0"], "reimage")).not.toThrow();
    expect(() => refuseProtected(instances, ["0", "1", "2"], "rebuild")).toThrow(expect.objectContaining({ code: "InstanceProtected", status: 409, message: expect.stringMatching(/^1, 2 are protected .* will not rebuild them\. Nothing was sent\./) as unknown }));
  });
});

describe("checkChosenInstance", () => {
  function setup(marks: boolean) {
    let reads = 0;
    const backend = { kind: "scaleset", marksProtectedInstances: marks } as unknown as Backend;
    const data = { instances } as TargetData;
    const deps = {
      backends: { scaleset: backend } as Backends,
      reads: { target: () => (reads++, Promise.resolve({ value: data, fetchedAt: 0 })) } as unknown as Reads,
    };
    return { deps, reads: () => reads };
  }

  it("reads the target only for a backend that marks protection, and refuses protected or absent instances", async () => {
    const plain = setup(false);
    await checkChosenInstance(plain.deps, identity, target, "1", "reimage");
    expect(plain.reads()).toBe(0);

    const marking = setup(true);
    await checkChosenInstance(marking.deps, identity, target, "0", "reboot");
    await expect(checkChosenInstance(marking.deps, identity, target, "2", "reboot")).rejects.toMatchObject({ code: "InstanceProtected" });
    await expect(checkChosenInstance(marking.deps, identity, target, "7", "reboot")).rejects.toMatchObject({ code: "NotFound", status: 404 });
    expect(marking.reads()).toBe(3);
  });
});
