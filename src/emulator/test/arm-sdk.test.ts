import { ComputeManagementClient } from "@azure/arm-compute";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { control, startArm, type ArmEmulator } from "./arm-helpers.ts";
import { SUB } from "./helpers.ts";

/**
 * Microsoft's generated SDK (@azure/arm-compute 23.x, a devDependency used only here) drives the ARM
 * face unchanged: real HTTPS, the emulator's certificate trusted through the SDK's own pipeline option
 * `tlsOptions.ca` (certificate verification stays on), its own pagers and long-running-operation
 * pollers. A real clock at ×2000 lets its pollers see operations finish within a test.
 */
let emu: ArmEmulator;
let client: ComputeManagementClient;

// Any bearer token is accepted by the emulator; the SDK insists on a TokenCredential.
const credential: ConstructorParameters<typeof ComputeManagementClient>[0] = {
  getToken: () => Promise.resolve({ token: "t", expiresOnTimestamp: Date.now() + 3600_000 }),
};
const RG = "rg-shop-prod";
const CS = "contoso-shop";
const poll = { updateIntervalInMs: 20 };

interface StateJson {
  armOperations: { action: string; instances: string[]; status: string }[];
}
const armOperations = async () => ((await control(emu, "GET", "state")).json as StateJson).armOperations;
const requests = async () => (await control(emu, "GET", "requests")).json as { face: string; method: string; path: string; query: Record<string, string>; headers: Record<string, string> }[];

beforeAll(async () => {
  emu = await startArm({ clock: "real", speed: 2000, arm: { pageSize: 5 } });
  client = new ComputeManagementClient(credential, SUB, { endpoint: emu.arm.url, tlsOptions: { ca: emu.arm.ca } });
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

describe("@azure/arm-compute 23.x against the ARM face", () => {
  it("lists cloud services (subscription and resource group) and pages through role instances with their views", async () => {
    const all: string[] = [];
    for await (const cs of client.cloudServices.listAll()) all.push(`${cs.id?.split("/")[4] ?? ""}/${cs.name ?? ""}`);
    expect(all).toEqual(["rg-shop-prod/contoso-shop", "rg-reports/fabrikam-reports"]);
    const inGroup: string[] = [];
    for await (const cs of client.cloudServices.list("rg-reports")) inGroup.push(cs.name ?? "");
    expect(inGroup).toEqual(["fabrikam-reports"]);

    const instances = [];
    for await (const i of client.cloudServiceRoleInstances.list(RG, CS, { expand: "instanceView" })) instances.push(i);
    expect(instances).toHaveLength(12); // three pages of five at most
    const sick = instances.find((i) => i.name === "ApiRole_IN_1");
    expect(sick?.properties?.instanceView?.statuses?.map((s) => s.code)).toEqual(["ProvisioningState/succeeded", "PowerState/started", "RoleState/RoleStateBusy"]);
    expect(sick?.properties?.instanceView?.platformUpdateDomain).toBe(1);

    const log = await requests();
    expect(log.every((r) => r.face === "arm" && r.query["api-version"] === "2024-11-04")).toBe(true);
    expect(log.filter((r) => r.path.endsWith("/roleInstances"))).toHaveLength(3);
    expect(log[0]?.headers["user-agent"]).toMatch(/azsdk-js-arm-compute\/23\./);
  });

  it("gets a cloud service, its instance view and one instance's view", async () => {
    const cs = await client.cloudServices.get(RG, CS);
    expect(cs.properties?.roleProfile?.roles?.map((r) => `${r.name ?? ""}×${r.sku?.capacity ?? 0}`)).toEqual(["FrontendRole×4", "ApiRole×3", "WorkerRole×5"]);
    expect(cs.systemData?.createdAt).toBeInstanceOf(Date);
    const view = await client.cloudServices.getInstanceView(RG, CS);
    expect(view.roleInstance?.statusesSummary?.find((s) => s.code === "RoleState/RoleStateStarted")?.count).toBe(11);
    const one = await client.cloudServiceRoleInstances.getInstanceView("WorkerRole_IN_4", RG, CS);
    expect(one).toMatchObject({ platformUpdateDomain: 1, platformFaultDomain: 0 });
    expect(one.statuses?.[2]?.time).toBeInstanceOf(Date);
    const withView = await client.cloudServiceRoleInstances.get("WorkerRole_IN_4", RG, CS, { expand: "instanceView" });
    expect(withView.properties?.instanceView?.privateId).toBe(one.privateId);
  });

  it("reimages and restarts one instance to completion through the SDK's own poller", async () => {
    await client.cloudServiceRoleInstances.beginReimageAndWait("FrontendRole_IN_2", RG, CS, poll);
    await client.cloudServiceRoleInstances.beginRestartAndWait("WorkerRole_IN_0", RG, CS, poll);
    expect(await armOperations()).toEqual([
      expect.objectContaining({ action: "reimage", instances: ["FrontendRole_IN_2"], status: "Succeeded" }),
      expect.objectContaining({ action: "reboot", instances: ["WorkerRole_IN_0"], status: "Succeeded" }),
    ]);
    // The poller read the Azure-AsyncOperation document, then the Location URL once at the end.
    const polls = (await requests()).filter((r) => r.path.includes("/locations/"));
    expect(polls.some((r) => r.query.monitor === undefined)).toBe(true);
    expect(polls.filter((r) => r.query.monitor === "true")).toHaveLength(2);
  });

  it("rebuilds an explicit list of instances with cloudServices.beginRebuildAndWait", async () => {
    await client.cloudServices.beginRebuildAndWait(RG, CS, { parameters: { roleInstances: ["FrontendRole_IN_0", "ApiRole_IN_2"] }, ...poll });
    expect(await armOperations()).toEqual([expect.objectContaining({ action: "rebuild", instances: ["FrontendRole_IN_0", "ApiRole_IN_2"], status: "Succeeded" })]);
    const post = (await requests()).find((r) => r.method === "POST");
    expect(post?.headers["content-type"]).toMatch(/^application\/json/);
  });

  it("surfaces a failed operation, a 409 and a 404 as the SDK's own errors", async () => {
    await control(emu, "POST", "faults", { failNextOperations: 1 });
    await expect(client.cloudServiceRoleInstances.beginRestartAndWait("FrontendRole_IN_1", RG, CS, poll)).rejects.toThrow(
      /The long-running operation has failed\. InternalExecutionError\./,
    );

    await client.cloudServiceRoleInstances.beginReimage("FrontendRole_IN_0", RG, CS, poll);
    await expect(client.cloudServiceRoleInstances.beginRestart("FrontendRole_IN_3", RG, CS, poll)).rejects.toMatchObject({ statusCode: 409, code: "Conflict" });
    await expect(client.cloudServices.get(RG, "nope")).rejects.toMatchObject({ statusCode: 404, code: "ResourceNotFound" });
  });

  it("verifies the certificate: without the emulator's CA the SDK refuses the connection", async () => {
    const untrusting = new ComputeManagementClient(credential, SUB, { endpoint: emu.arm.url, retryOptions: { maxRetries: 0 } });
    await expect(untrusting.cloudServices.get(RG, CS)).rejects.toThrow(/self[- ]signed certificate/i);
  });

  it("honours an injected 429's Retry-After and retries the read", async () => {
    await control(emu, "POST", "faults", { throttleNext: { count: 1, retryAfterSeconds: 1 }, match: { face: "arm" } });
    const t = Date.now();
    expect((await client.cloudServices.get(RG, CS)).name).toBe(CS);
    expect(Date.now() - t).toBeGreaterThanOrEqual(900);
    expect((await requests()).filter((r) => r.method === "GET")).toHaveLength(2);
  });
});
