import { ComputeManagementClient } from "@azure/arm-compute-25";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { control, startArm, type ArmEmulator } from "./arm-helpers.ts";
import { SUB } from "./helpers.ts";

/**
 * Microsoft's current generated SDK, @azure/arm-compute 25.x (the devDependency alias
 * `@azure/arm-compute-25`, used only here), drives the scale-set operations unchanged: real HTTPS
 * with the emulator's certificate trusted through the pipeline option `tlsOptions.ca` (verification
 * stays on), its own pagers and long-running-operation pollers. A real clock at ×2000 lets its
 * pollers see operations finish within a test. Unlike 23.x, its models flatten ARM's `properties`
 * into the resource object (`vm.instanceView`, `ss.orchestrationMode`).
 */
let emu: ArmEmulator;
let client: ComputeManagementClient;

// Any bearer token is accepted by the emulator; the SDK insists on a TokenCredential.
const credential: ConstructorParameters<typeof ComputeManagementClient>[0] = {
  getToken: () => Promise.resolve({ token: "t", expiresOnTimestamp: Date.now() + 3600_000 }),
};
const RG = "rg-checkout";
const SS = "checkout-web";
const poll = { updateIntervalInMs: 20 };

interface StateJson {
  armOperations: { resourceType: string; scaleSet?: string; action: string; instances: string[]; status: string }[];
}
const armOperations = async () => ((await control(emu, "GET", "state")).json as StateJson).armOperations;
const requests = async () =>
  (await control(emu, "GET", "requests")).json as { method: string; path: string; query: Record<string, string>; headers: Record<string, string> }[];

beforeAll(async () => {
  emu = await startArm({ clock: "real", speed: 2000, arm: { pageSize: 4 } });
  client = new ComputeManagementClient(credential, SUB, { endpoint: emu.arm.url, tlsOptions: { ca: emu.arm.ca } });
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

describe("@azure/arm-compute 25.x against the scale-set operations", () => {
  it("lists scale sets, and pages through instances with their instance views", async () => {
    const all: string[] = [];
    for await (const ss of client.virtualMachineScaleSets.listAll()) all.push(`${ss.id?.split("/")[4] ?? ""}/${ss.name ?? ""}`);
    expect(all).toEqual(["rg-checkout/checkout-web"]);
    const inGroup = [];
    for await (const ss of client.virtualMachineScaleSets.list(RG)) inGroup.push(ss);
    expect(inGroup.map((ss) => [ss.name, ss.sku?.capacity, ss.orchestrationMode])).toEqual([["checkout-web", 6, "Uniform"]]);

    const vms = [];
    for await (const vm of client.virtualMachineScaleSetVMs.list(RG, SS, { expand: "instanceView" })) vms.push(vm);
    expect(vms.map((vm) => vm.instanceId)).toEqual(["0", "1", "2", "3", "4", "5"]); // two pages of four at most
    const sick = vms.find((vm) => vm.instanceId === "1");
    expect(sick?.zones).toEqual(["2"]);
    expect(sick?.instanceView?.platformUpdateDomain).toBe(1);
    expect(sick?.instanceView?.statuses?.map((s) => s.code)).toEqual(["ProvisioningState/succeeded", "PowerState/running"]);
    expect(sick?.instanceView?.vmHealth?.status?.code).toBe("HealthState/unhealthy");
    expect(sick?.instanceView?.statuses?.[0]?.time).toBeInstanceOf(Date);
    expect(vms.find((vm) => vm.instanceId === "3")?.protectionPolicy).toEqual({ protectFromScaleIn: true, protectFromScaleSetActions: true });
    expect(vms.every((vm) => vm.latestModelApplied === true)).toBe(true);

    const view = await client.virtualMachineScaleSetVMs.getInstanceView(RG, SS, "4");
    expect(view.vmHealth?.status?.code).toBe("HealthState/healthy");

    const log = await requests();
    expect(log.every((r) => r.query["api-version"] === "2026-04-01")).toBe(true);
    expect(log.filter((r) => r.path.endsWith("/virtualMachines"))).toHaveLength(2);
    expect(log[0]?.headers["user-agent"]).toMatch(/azsdk-js-arm-compute\/25\./);
  });

  // 25.x marks the begin…AndWait wrappers deprecated in favour of awaiting the poller that
  // `reimage` / `restart` return; the wrappers await that same poller. Both forms are driven here.
  it("reimages one instance to completion through the SDK's own poller (beginReimageAndWait)", async () => {
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- the form the issue names; still shipped in 25.x
    await client.virtualMachineScaleSetVMs.beginReimageAndWait(RG, SS, "1", poll);
    expect(await armOperations()).toEqual([expect.objectContaining({ scaleSet: SS, action: "reimage", instances: ["1"], status: "Succeeded" })]);
    const log = await requests();
    expect(log.find((r) => r.method === "POST")?.path).toBe(`/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.Compute/virtualMachineScaleSets/${SS}/virtualMachines/1/reimage`);
    // It followed the status URLs handed out, at the version it sent.
    const polls = log.filter((r) => r.path.includes("/locations/westeurope/operations/"));
    expect(polls.length).toBeGreaterThan(1);
    expect(polls.every((r) => r.query["api-version"] === "2026-04-01")).toBe(true);
  });

  it("restarts an explicit list with virtualMachineScaleSets.beginRestartAndWait, to completion", async () => {
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- the form the issue names; still shipped in 25.x
    await client.virtualMachineScaleSets.beginRestartAndWait(RG, SS, { vmInstanceIDs: { instanceIds: ["0", "2"] }, ...poll });
    expect(await armOperations()).toEqual([expect.objectContaining({ action: "reboot", instances: ["0", "2"], status: "Succeeded" })]);
    const post = (await requests()).find((r) => r.method === "POST");
    expect(post?.headers["content-type"]).toMatch(/^application\/json/);
  });

  it("the current form, awaiting the poller: reimageAll of one instance, and a restart without vmInstanceIDs restarts the whole set (but the protected instance)", async () => {
    await client.virtualMachineScaleSetVMs.reimageAll(RG, SS, "4", poll);
    await client.virtualMachineScaleSets.restart(RG, SS, poll);
    expect((await armOperations()).map((op) => [op.action, op.instances, op.status])).toEqual([
      ["rebuild", ["4"], "Succeeded"],
      ["reboot", ["0", "1", "2", "4", "5"], "Succeeded"],
    ]);
  });

  it("surfaces refusals and failures as the SDK's own errors", async () => {
    await expect(client.virtualMachineScaleSets.reimage(RG, SS, { vmScaleSetReimageInput: { instanceIds: ["3"] }, ...poll })).rejects.toMatchObject({
      statusCode: 409,
      code: "OperationNotAllowed",
    });
    await expect(client.virtualMachineScaleSetVMs.get(RG, SS, "99")).rejects.toMatchObject({ statusCode: 404, code: "ResourceNotFound" });
    await control(emu, "POST", "faults", { failNextOperations: 1 });
    await expect(client.virtualMachineScaleSetVMs.restart(RG, SS, "0", poll)).rejects.toThrow(/The long-running operation has failed\. InternalExecutionError\./);
  });
});
