import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { arm, asyncOperationSchema, control, header, REPORTS, SHOP, startArm, type ArmEmulator, type ArmResponse } from "./arm-helpers.ts";
import { CHECKOUT, errorOf, instanceView, post, scaleSetSchema, updating, vmss } from "./arm-scaleset-helpers.ts";
import { MINUTE, SUB } from "./helpers.ts";

let emu: ArmEmulator;
beforeAll(async () => {
  emu = await startArm();
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

const SECOND = 1000;

/** The two status URLs of an accepted action, on the listener's origin, carrying the request's api-version. */
function lro(res: ArmResponse, version = "2026-04-01"): { asyncUrl: string; location: string } {
  expect(res.status, res.text).toBe(202);
  expect(res.text).toBe("");
  const asyncUrl = header(res, "azure-asyncoperation") ?? "";
  const statusPath = new RegExp(`^${emu.arm.url}/subscriptions/${SUB}/providers/Microsoft\\.Compute/locations/westeurope/operations/[0-9a-f-]{36}\\?api-version=${version}$`);
  expect(asyncUrl).toMatch(statusPath);
  expect(header(res, "location")).toBe(`${asyncUrl}&monitor=true`);
  expect(header(res, "retry-after")).toBe("10");
  return { asyncUrl, location: `${asyncUrl}&monitor=true` };
}

async function operation(url: string) {
  const res = await arm(emu, url);
  expect(res.status).toBe(200);
  return asyncOperationSchema.parse(res.json);
}

interface StateJson {
  armOperations: { resourceType: string; scaleSet?: string; action: string; instances: string[]; apiVersion: string; status: string }[];
}
const armOperations = async () => ((await control(emu, "GET", "state")).json as StateJson).armOperations;

describe("one instance's actions as long-running operations", () => {
  it("reimage: updating through stop and start on the driven clock, Succeeded, then running and healthy", async () => {
    const { asyncUrl, location } = lro(await post(emu, `${CHECKOUT}/virtualMachines/1/reimage`));
    expect((await operation(asyncUrl)).status).toBe("InProgress");
    expect((await arm(emu, location)).status).toBe(202);
    expect(await instanceView(emu, CHECKOUT, "1")).toEqual({
      ProvisioningState: "ProvisioningState/updating",
      PowerState: "PowerState/stopping",
      HealthState: "HealthState/unknown",
    });
    expect(scaleSetSchema.parse((await vmss(emu, CHECKOUT)).json).properties.provisioningState).toBe("Updating");

    emu.advance(75 * SECOND);
    expect((await instanceView(emu, CHECKOUT, "1")).PowerState).toBe("PowerState/stopped");
    emu.advance(100 * SECOND);
    expect((await instanceView(emu, CHECKOUT, "1")).PowerState).toBe("PowerState/starting");
    emu.advance(300 * SECOND); // 475 s: the machine runs, the application starts
    expect(await instanceView(emu, CHECKOUT, "1")).toEqual({
      ProvisioningState: "ProvisioningState/updating",
      PowerState: "PowerState/running",
      HealthState: "HealthState/initializing",
    });
    expect((await operation(asyncUrl)).status).toBe("InProgress");

    emu.advance(85 * SECOND); // 560 s
    const done = await operation(asyncUrl);
    expect(done.status).toBe("Succeeded");
    expect(done.endTime).toBeDefined();
    const final = await arm(emu, location);
    expect([final.status, final.text]).toEqual([200, ""]);

    emu.advance(160 * SECOND);
    expect(await instanceView(emu, CHECKOUT, "1")).toEqual({
      ProvisioningState: "ProvisioningState/succeeded",
      PowerState: "PowerState/running",
      HealthState: "HealthState/healthy",
    });
    expect(scaleSetSchema.parse((await vmss(emu, CHECKOUT)).json).properties.provisioningState).toBe("Succeeded");
    expect(await armOperations()).toEqual([
      expect.objectContaining({ resourceType: "virtualMachineScaleSets", scaleSet: "checkout-web", action: "reimage", instances: ["1"], apiVersion: "2026-04-01", status: "Succeeded" }),
    ]);
  });

  it("restart and reimageall map to the state machine's reboot and rebuild; 2025-04-01 is answered in kind", async () => {
    const restart = lro(await post(emu, `${CHECKOUT}/virtualMachines/0/restart`, undefined, { apiVersion: "2025-04-01" }), "2025-04-01");
    emu.advance(140 * SECOND);
    expect((await operation(restart.asyncUrl)).status).toBe("Succeeded");
    const all = lro(await post(emu, `${CHECKOUT}/virtualMachines/2/reimageall`));
    emu.advance(679 * SECOND);
    expect((await operation(all.asyncUrl)).status).toBe("InProgress");
    emu.advance(SECOND);
    expect((await operation(all.asyncUrl)).status).toBe("Succeeded");
    expect((await armOperations()).map((op) => [op.action, op.instances, op.apiVersion])).toEqual([
      ["reboot", ["0"], "2025-04-01"],
      ["rebuild", ["2"], "2026-04-01"],
    ]);
  });

  it("an instance protected from scale-set actions can still be acted on by itself (a user-initiated instance operation)", async () => {
    lro(await post(emu, `${CHECKOUT}/virtualMachines/3/restart`));
    expect(await updating(emu, CHECKOUT)).toEqual(["3"]);
  });

  it("reimage's optional parameters are accepted; a body that is not an object is not", async () => {
    lro(await post(emu, `${CHECKOUT}/virtualMachines/0/reimage`, { tempDisk: true }));
    emu.reset();
    const bad = await post(emu, `${CHECKOUT}/virtualMachines/0/reimage`, "[1]");
    expect([bad.status, errorOf(bad).code]).toEqual([400, "InvalidRequestContent"]);
  });

  it("unknown instance: 404 ResourceNotFound, nothing started", async () => {
    const res = await post(emu, `${CHECKOUT}/virtualMachines/42/restart`);
    expect([res.status, errorOf(res).code]).toEqual([404, "ResourceNotFound"]);
    expect(await armOperations()).toEqual([]);
  });
});

describe("batch actions on the scale set with instanceIds", () => {
  it("acts on exactly the named instances, as one operation", async () => {
    const { asyncUrl } = lro(await post(emu, `${CHECKOUT}/reimage`, { instanceIds: ["5", "1", "5"] }));
    expect(await updating(emu, CHECKOUT)).toEqual(["1", "5"]);
    expect((await armOperations()).map((op) => [op.action, op.instances])).toEqual([["reimage", ["5", "1"]]]);
    emu.advance(12 * MINUTE);
    expect((await operation(asyncUrl)).status).toBe("Succeeded");
    expect(await updating(emu, CHECKOUT)).toEqual([]);
    for (const id of ["1", "5"]) expect((await instanceView(emu, CHECKOUT, id)).HealthState).toBe("HealthState/healthy");
  });

  it("restart and reimageall take the same body", async () => {
    lro(await post(emu, `${CHECKOUT}/restart`, { instanceIds: ["0"] }));
    emu.advance(5 * MINUTE);
    lro(await post(emu, `${CHECKOUT}/reimageall`, { instanceIds: ["4"] }));
    expect((await armOperations()).map((op) => [op.action, op.instances])).toEqual([
      ["reboot", ["0"]],
      ["rebuild", ["4"]],
    ]);
  });

  it.each([
    ["no body", undefined],
    ["an empty body", ""],
    ["JSON null", "null"],
    ["an object without instanceIds", "{}"],
    ["instanceIds: null", '{"instanceIds":null}'],
    ["an empty list", '{"instanceIds":[]}'],
    ['the wildcard "*"', '{"instanceIds":["*"]}'],
  ])("as in Azure, %s means EVERY instance (but the protected one)", async (_what, body) => {
    lro(await post(emu, `${CHECKOUT}/restart`, body));
    expect(await updating(emu, CHECKOUT)).toEqual(["0", "1", "2", "4", "5"]);
    expect((await armOperations())[0]?.instances).toEqual(["0", "1", "2", "4", "5"]);
  });

  it("naming an instance protected from scale-set actions: 409 OperationNotAllowed, nothing started", async () => {
    const res = await post(emu, `${CHECKOUT}/reimage`, { instanceIds: ["1", "3"] });
    expect(res.status).toBe(409);
    expect(errorOf(res)).toMatchObject({ code: "OperationNotAllowed", target: "instanceIds", message: expect.stringContaining("3") as unknown });
    expect(await updating(emu, CHECKOUT)).toEqual([]);
  });

  it("an id that names no instance: Azure's 400 InvalidParameter on instanceIds; an unreadable body: 400 InvalidRequestContent", async () => {
    const unknown = await post(emu, `${CHECKOUT}/restart`, { instanceIds: ["0", "17"] });
    expect(unknown.status).toBe(400);
    expect(errorOf(unknown)).toEqual({ code: "InvalidParameter", target: "instanceIds", message: "The provided instanceId 17 is not an active Virtual Machine Scale Set VM instanceId." });
    for (const body of ["{oops", '["0"]', '{"instanceIds":"0"}', '{"instanceIds":[0]}']) {
      const res = await post(emu, `${CHECKOUT}/restart`, body);
      expect([res.status, errorOf(res).code], body).toEqual([400, "InvalidRequestContent"]);
    }
    expect(await updating(emu, CHECKOUT)).toEqual([]);
  });
});

describe("one operation at a time per scale set: 409 Conflict", () => {
  it("refuses a second action on the scale set while the first runs, not an action on a cloud service", async () => {
    const { asyncUrl } = lro(await post(emu, `${CHECKOUT}/virtualMachines/0/restart`));
    for (const [path, body] of [
      [`${CHECKOUT}/virtualMachines/1/reimage`, undefined],
      [`${CHECKOUT}/restart`, { instanceIds: ["2"] }],
    ] as const) {
      const res = await post(emu, path, body);
      expect([res.status, errorOf(res).code], path).toEqual([409, "Conflict"]);
    }
    expect((await arm(emu, `${SHOP}/roleInstances/FrontendRole_IN_0/restart`, { method: "POST" })).status).toBe(202);
    expect((await arm(emu, `${REPORTS}/restart`, { method: "POST", body: '{"roleInstances":["ReportsWeb_IN_0"]}' })).status).toBe(202);
    emu.advance(140 * SECOND);
    expect((await operation(asyncUrl)).status).toBe("Succeeded");
    lro(await post(emu, `${CHECKOUT}/virtualMachines/1/reimage`));
  });
});

describe("failures, faults and the request log cover scale sets", () => {
  it("failNextOperations: Failed with error{code,message}; Location answers the error; the instance comes back", async () => {
    await control(emu, "POST", "faults", { failNextOperations: 1 });
    const { asyncUrl, location } = lro(await post(emu, `${CHECKOUT}/reimage`, { instanceIds: ["0"] }));
    emu.advance(10 * MINUTE);
    const failed = await operation(asyncUrl);
    expect(failed).toMatchObject({ status: "Failed", error: { code: "InternalExecutionError" } });
    const result = await arm(emu, location);
    expect([result.status, errorOf(result).code]).toEqual([500, "InternalExecutionError"]);
    expect((await instanceView(emu, CHECKOUT, "0")).HealthState).toBe("HealthState/healthy");
  });

  it("failNextInstances: the operation succeeds but the application fails to start: running and unhealthy", async () => {
    await control(emu, "POST", "faults", { failNextInstances: 1 });
    const { asyncUrl } = lro(await post(emu, `${CHECKOUT}/virtualMachines/4/restart`));
    emu.advance(5 * MINUTE);
    expect((await operation(asyncUrl)).status).toBe("Succeeded");
    expect(await instanceView(emu, CHECKOUT, "4")).toEqual({
      ProvisioningState: "ProvisioningState/succeeded",
      PowerState: "PowerState/running",
      HealthState: "HealthState/unhealthy",
    });
  });

  it("request faults with match.face 'arm' hit scale-set operations; throttled or failed means not started", async () => {
    await control(emu, "POST", "faults", { throttleNext: { count: 1, retryAfterSeconds: 4 }, match: { face: "arm", method: "POST", pathContains: "/virtualMachineScaleSets/" } });
    await control(emu, "POST", "faults", { failNext: { count: 1, status: 500, code: "InternalServerError" }, match: { face: "arm", pathContains: "/virtualMachines" } });
    expect((await arm(emu, `${SHOP}/roleInstances/FrontendRole_IN_0/restart`, { method: "POST" })).status).toBe(202); // no match
    const throttled = await post(emu, `${CHECKOUT}/restart`, { instanceIds: ["0"] });
    expect([throttled.status, errorOf(throttled).code, header(throttled, "retry-after")]).toEqual([429, "SubscriptionRequestsThrottled", "4"]);
    const failed = await vmss(emu, `${CHECKOUT}/virtualMachines`);
    expect([failed.status, errorOf(failed).code]).toEqual([500, "InternalServerError"]);
    expect(await updating(emu, CHECKOUT)).toEqual([]);
    lro(await post(emu, `${CHECKOUT}/restart`, { instanceIds: ["0"] }));
  });

  it("the request log records scale-set requests with their api-version and body-less batch calls as they came", async () => {
    await post(emu, `${CHECKOUT}/restart`);
    await vmss(emu, `${CHECKOUT}/virtualMachines?$expand=instanceView`);
    const log = (await control(emu, "GET", "requests")).json as { face: string; method: string; path: string; query: Record<string, string> }[];
    expect(log.map((l) => [l.face, l.method, l.path, l.query["api-version"]])).toEqual([
      ["arm", "POST", `${CHECKOUT}/restart`, "2026-04-01"],
      ["arm", "GET", `${CHECKOUT}/virtualMachines`, "2026-04-01"],
    ]);
  });

  it("reset frees a held scale set and restores its instances", async () => {
    lro(await post(emu, `${CHECKOUT}/reimage`, { instanceIds: ["1"] }));
    expect((await control(emu, "POST", "reset", {})).status).toBe(204);
    expect(await updating(emu, CHECKOUT)).toEqual([]);
    expect((await instanceView(emu, CHECKOUT, "1")).HealthState).toBe("HealthState/unhealthy");
    lro(await post(emu, `${CHECKOUT}/reimage`, { instanceIds: ["1"] }));
  });
});
