import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  allPages,
  arm,
  armErrorOf,
  asyncOperationSchema,
  cloudServiceInstanceViewSchema,
  cloudServiceSchema,
  codes,
  control,
  header,
  REPORTS,
  roleInstanceSchema,
  roleInstanceViewSchema,
  SHOP,
  startArm,
  type ArmEmulator,
  type ArmResponse,
} from "./arm-helpers.ts";
import { action, MINUTE, SUB } from "./helpers.ts";

let emu: ArmEmulator;
beforeAll(async () => {
  emu = await startArm();
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

const SECOND = 1000;

/** The two status URLs of an accepted action, checked to be absolute on the ARM listener's origin. */
function lro(res: ArmResponse): { asyncUrl: string; location: string } {
  expect(res.status).toBe(202);
  expect(res.text).toBe("");
  const asyncUrl = header(res, "azure-asyncoperation") ?? "";
  const location = header(res, "location") ?? "";
  const statusPath = new RegExp(`^${emu.arm.url}/subscriptions/${SUB}/providers/Microsoft\\.Compute/locations/[a-z0-9]+/operations/[0-9a-f-]{36}\\?api-version=2024-11-04$`);
  expect(asyncUrl).toMatch(statusPath);
  expect(location).toBe(`${asyncUrl}&monitor=true`);
  expect(header(res, "retry-after")).toBe("10");
  expect(header(res, "x-ms-ratelimit-remaining-subscription-writes")).toMatch(/^\d+$/);
  return { asyncUrl, location };
}

async function operation(url: string) {
  const res = await arm(emu, url);
  expect(res.status).toBe(200);
  return asyncOperationSchema.parse(res.json);
}

async function instanceCodes(cs: string, name: string): Promise<Record<string, string>> {
  const res = await arm(emu, `${cs}/roleInstances/${name}/instanceView`);
  return codes(roleInstanceViewSchema.parse(res.json));
}

async function updatingInstances(cs: string): Promise<string[]> {
  const { items } = await allPages(emu, `${cs}/roleInstances?$expand=instanceView`, roleInstanceSchema);
  return items.filter((i) => i.properties.instanceView?.statuses.some((s) => s.code === "ProvisioningState/updating")).map((i) => i.name);
}

describe("single-instance actions as long-running operations (reference B3, B5)", () => {
  it("reimage: 202, InProgress while the instance moves, then Succeeded; the Location URL answers 202 then 200", async () => {
    const { asyncUrl, location } = lro(await arm(emu, `${SHOP}/roleInstances/FrontendRole_IN_0/reimage`, { method: "POST" }));
    const started = await operation(asyncUrl);
    expect(started.status).toBe("InProgress");
    expect(started.endTime).toBeUndefined();
    const running = await arm(emu, location);
    expect(running.status).toBe(202);
    expect(header(running, "location")).toBe(location);

    expect(await instanceCodes(SHOP, "FrontendRole_IN_0")).toEqual({
      ProvisioningState: "ProvisioningState/updating",
      PowerState: "PowerState/stopping",
      RoleState: "RoleState/RoleStateStopping",
    });
    expect(cloudServiceSchema.parse((await arm(emu, SHOP)).json).properties.provisioningState).toBe("Updating");
    expect(cloudServiceInstanceViewSchema.parse((await arm(emu, `${SHOP}/instanceView`)).json).statuses[0]?.code).toBe("ProvisioningState/updating");

    emu.advance(100 * SECOND); // CreatingVM
    expect(await instanceCodes(SHOP, "FrontendRole_IN_0")).toMatchObject({ PowerState: "PowerState/starting", RoleState: "RoleState/RoleStateUnknown" });
    expect((await operation(asyncUrl)).status).toBe("InProgress");

    emu.advance(460 * SECOND); // 560 s: the operation ends as the role starts
    const done = await operation(asyncUrl);
    expect(done).toMatchObject({ status: "Succeeded", name: asyncUrl.split("/operations/")[1]?.split("?")[0] });
    expect(done.endTime).toBeDefined();
    expect(done.error).toBeUndefined();
    const final = await arm(emu, location);
    expect(final.status).toBe(200);
    expect(final.text).toBe("");
    expect(await instanceCodes(SHOP, "FrontendRole_IN_0")).toMatchObject({ ProvisioningState: "ProvisioningState/updating", RoleState: "RoleState/RoleStateStarting" });

    emu.advance(160 * SECOND);
    expect(await instanceCodes(SHOP, "FrontendRole_IN_0")).toEqual({
      ProvisioningState: "ProvisioningState/succeeded",
      PowerState: "PowerState/started",
      RoleState: "RoleState/RoleStateStarted",
    });
  });

  it("a failed operation: Failed with error{code,message}; Location answers the error; the instance recovers", async () => {
    expect((await control(emu, "POST", "faults", { failNextOperations: 1 })).status).toBe(204);
    const { asyncUrl, location } = lro(await arm(emu, `${SHOP}/roleInstances/WorkerRole_IN_0/restart`, { method: "POST" }));
    emu.advance(10 * MINUTE);
    const failed = await operation(asyncUrl);
    expect(failed.status).toBe("Failed");
    expect(failed.error).toEqual({ code: "InternalExecutionError", message: expect.any(String) as unknown });
    const result = await arm(emu, location);
    expect(result.status).toBe(500);
    expect(armErrorOf(result).code).toBe("InternalExecutionError");
    expect((await instanceCodes(SHOP, "WorkerRole_IN_0")).RoleState).toBe("RoleState/RoleStateStarted");
  });

  it("an operation that succeeds but leaves the role failing to start: RoleStateBusy at level Error", async () => {
    await control(emu, "POST", "faults", { failNextInstances: 1 });
    const { asyncUrl } = lro(await arm(emu, `${SHOP}/roleInstances/WorkerRole_IN_1/rebuild`, { method: "POST" }));
    emu.advance(20 * MINUTE);
    expect((await operation(asyncUrl)).status).toBe("Succeeded");
    const view = roleInstanceViewSchema.parse((await arm(emu, `${SHOP}/roleInstances/WorkerRole_IN_1/instanceView`)).json);
    expect(view.statuses.find((s) => s.code.startsWith("RoleState/"))).toMatchObject({ code: "RoleState/RoleStateBusy", level: "Error" });
  });

  it("the state machine's speed applies: at ×60 a restart's operation ends after 140/60 s", async () => {
    const fast = await startArm({ speed: 60 });
    try {
      const res = await arm(fast, `${SHOP}/roleInstances/ApiRole_IN_0/restart`, { method: "POST" });
      const url = header(res, "azure-asyncoperation") ?? "";
      expect(header(res, "retry-after")).toBe("1");
      fast.advance(2300);
      expect(asyncOperationSchema.parse((await arm(fast, url)).json).status).toBe("InProgress");
      fast.advance(100);
      expect(asyncOperationSchema.parse((await arm(fast, url)).json).status).toBe("Succeeded");
    } finally {
      await fast.close();
    }
  });
});

describe("one operation at a time per cloud service: 409 Conflict", () => {
  it("refuses a second action on the same cloud service while the first runs, not on another one", async () => {
    const { asyncUrl } = lro(await arm(emu, `${SHOP}/roleInstances/FrontendRole_IN_0/restart`, { method: "POST" }));
    for (const [path, body] of [
      [`${SHOP}/roleInstances/FrontendRole_IN_1/reimage`, undefined],
      [`${SHOP}/roleInstances/FrontendRole_IN_0/restart`, undefined],
      [`${SHOP}/rebuild`, JSON.stringify({ roleInstances: ["ApiRole_IN_0"] })],
    ] as const) {
      const res = await arm(emu, path, { method: "POST", ...(body ? { body } : {}) });
      expect(res.status, path).toBe(409);
      expect(armErrorOf(res).code).toBe("Conflict");
    }
    lro(await arm(emu, `${REPORTS}/roleInstances/ReportsWeb_IN_0/restart`, { method: "POST" }));
    // The classic face's deployments are other resources: not held either.
    expect((await action(emu, "contoso-web", "production", "WebFrontend_IN_0", "reboot")).status).toBe(202);
    emu.advance(140 * SECOND);
    expect((await operation(asyncUrl)).status).toBe("Succeeded");
    lro(await arm(emu, `${SHOP}/roleInstances/FrontendRole_IN_1/reimage`, { method: "POST" }));
  });
});

describe("batch actions on a cloud service (reference B4)", () => {
  it("rebuild with an explicit list acts on exactly those instances, as one operation", async () => {
    const body = JSON.stringify({ roleInstances: ["FrontendRole_IN_1", "WorkerRole_IN_2", "FrontendRole_IN_1"] });
    const { asyncUrl } = lro(await arm(emu, `${SHOP}/rebuild`, { method: "POST", body }));
    expect(await updatingInstances(SHOP)).toEqual(["FrontendRole_IN_1", "WorkerRole_IN_2"]);
    const state = (await control(emu, "GET", "state")).json as { armOperations: { instances: string[]; action: string }[] };
    expect(state.armOperations).toEqual([expect.objectContaining({ action: "rebuild", instances: ["FrontendRole_IN_1", "WorkerRole_IN_2"] })]);
    emu.advance(679 * SECOND);
    expect((await operation(asyncUrl)).status).toBe("InProgress");
    emu.advance(SECOND);
    expect((await operation(asyncUrl)).status).toBe("Succeeded");
    emu.advance(5 * MINUTE);
    expect(await updatingInstances(SHOP)).toEqual([]);
  });

  it.each([
    ["no body", undefined],
    ["an empty object", "{}"],
    ["roleInstances: null", '{"roleInstances":null}'],
    ["an empty list", '{"roleInstances":[]}'],
    ['the wildcard "*"', '{"roleInstances":["*"]}'],
  ])("as in Azure, %s means EVERY instance", async (_what, body) => {
    lro(await arm(emu, `${SHOP}/restart`, { method: "POST", ...(body === undefined ? {} : { body }) }));
    expect(await updatingInstances(SHOP)).toHaveLength(12);
  });

  it("rejects a body it cannot read, or a name that is not an instance, and starts nothing", async () => {
    const cases: [string, number, string][] = [
      ["{not json", 400, "InvalidRequestContent"],
      ['["FrontendRole_IN_0"]', 400, "InvalidRequestContent"],
      ['{"roleInstances":"FrontendRole_IN_0"}', 400, "InvalidRequestContent"],
      ['{"roleInstances":[1]}', 400, "InvalidRequestContent"],
      ['{"roleInstances":["FrontendRole_IN_0","Ghost_IN_9"]}', 400, "InvalidParameter"],
    ];
    for (const [body, status, code] of cases) {
      const res = await arm(emu, `${SHOP}/reimage`, { method: "POST", body });
      expect(res.status, body).toBe(status);
      expect(armErrorOf(res).code, body).toBe(code);
    }
    expect(await updatingInstances(SHOP)).toEqual([]);
    lro(await arm(emu, `${SHOP}/reimage`, { method: "POST", body: '{"roleInstances":["FrontendRole_IN_0"]}' }));
  });
});
