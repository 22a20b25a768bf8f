import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { arm, armErrorOf, cloudServiceSchema, control, header, PROVIDER, REPORTS, SHOP, startArm, type ArmEmulator } from "./arm-helpers.ts";
import { api, errorOf, SUB } from "./helpers.ts";

let emu: ArmEmulator;
beforeAll(async () => {
  emu = await startArm();
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

const LIST = `/subscriptions/${SUB}/${PROVIDER}/cloudServices`;

describe("faults on the ARM face (match.face)", () => {
  it("throttleNext: 429 SubscriptionRequestsThrottled with Retry-After and both budgets, the spent one at 0", async () => {
    expect((await control(emu, "POST", "faults", { throttleNext: { count: 1, retryAfterSeconds: 7 }, match: { face: "arm", method: "POST" } })).status).toBe(204);
    expect((await arm(emu, LIST)).status).toBe(200); // a GET does not match
    const res = await arm(emu, `${SHOP}/roleInstances/FrontendRole_IN_0/restart`, { method: "POST" });
    expect(res.status).toBe(429);
    expect(armErrorOf(res).code).toBe("SubscriptionRequestsThrottled");
    expect(header(res, "retry-after")).toBe("7");
    expect(header(res, "x-ms-ratelimit-remaining-subscription-writes")).toBe("0");
    expect(Number(header(res, "x-ms-ratelimit-remaining-subscription-reads"))).toBeGreaterThan(0);
    // Throttled means not started: the same request now goes through.
    expect((await arm(emu, `${SHOP}/roleInstances/FrontendRole_IN_0/restart`, { method: "POST" })).status).toBe(202);
  });

  it("a throttled read spends the reads budget", async () => {
    await control(emu, "POST", "faults", { throttleNext: { count: 1, retryAfterSeconds: 3 }, match: { face: "arm" } });
    const res = await arm(emu, LIST);
    expect(res.status).toBe(429);
    expect(header(res, "x-ms-ratelimit-remaining-subscription-reads")).toBe("0");
  });

  it("failNext answers the given status and code in the ARM envelope for the next N matching requests only", async () => {
    await control(emu, "POST", "faults", { failNext: { count: 2, status: 500, code: "InternalServerError", message: "Boom." }, match: { face: "arm", pathContains: "/roleInstances" } });
    expect((await arm(emu, SHOP)).status).toBe(200);
    for (let i = 0; i < 2; i++) {
      const res = await arm(emu, `${SHOP}/roleInstances`);
      expect(res.status).toBe(500);
      expect(armErrorOf(res)).toEqual({ code: "InternalServerError", message: "Boom." });
    }
    expect((await arm(emu, `${SHOP}/roleInstances`)).status).toBe(200);
  });

  it("a fault without a face stays on the classic face; face 'any' hits whichever face asks first", async () => {
    await control(emu, "POST", "faults", { failNext: { count: 1, status: 503, code: "ServerBusy" } });
    expect((await arm(emu, LIST)).status).toBe(200);
    const classic = await api(emu, "/subscriptions");
    expect(classic.status).toBe(503);
    expect(errorOf(classic).code).toBe("ServerBusy");
    await control(emu, "POST", "faults", { failNext: { count: 1, status: 500, code: "InternalServerError" }, match: { face: "any" } });
    expect((await arm(emu, LIST)).status).toBe(500);
    expect((await api(emu, "/subscriptions")).status).toBe(200);
  });

  it("malformedNext answers 200 with JSON cut short; latencyMs delays ARM requests", async () => {
    await control(emu, "POST", "faults", { malformedNext: 1, match: { face: "arm" } });
    const res = await arm(emu, LIST);
    expect(res.status).toBe(200);
    expect(() => JSON.parse(res.text) as unknown).toThrow();
    await control(emu, "POST", "faults", { latencyMs: 250, match: { face: "arm" } });
    const t = performance.now();
    await arm(emu, LIST);
    expect(performance.now() - t).toBeGreaterThanOrEqual(240);
  });

  it("locationOnlyNext: the next accepted action's 202 names only its Location URL, which a failNext on GET can fail", async () => {
    await control(emu, "POST", "faults", { locationOnlyNext: 1, match: { method: "POST", pathContains: "/reimage" } });
    // An action the match does not name is untouched.
    expect(header(await arm(emu, `${REPORTS}/roleInstances/ReportsWeb_IN_0/restart`, { method: "POST" }), "azure-asyncoperation")).toBeDefined();
    const res = await arm(emu, `${SHOP}/roleInstances/FrontendRole_IN_1/reimage`, { method: "POST" });
    expect(res.status).toBe(202);
    expect(header(res, "azure-asyncoperation")).toBeUndefined();
    const location = header(res, "location") ?? "";
    expect(location).toMatch(/\/operations\/[0-9a-f-]{36}\?api-version=2024-11-04&monitor=true$/);
    expect(header(res, "retry-after")).toBe("10");

    await control(emu, "POST", "faults", { failNext: { count: 1, status: 503, code: "ServiceUnavailable" }, match: { face: "arm", method: "GET", pathContains: "/operations/" } });
    const blip = await arm(emu, location);
    expect([blip.status, armErrorOf(blip).code]).toEqual([503, "ServiceUnavailable"]);
    expect((await arm(emu, location)).status).toBe(202);
    await control(emu, "POST", "clock/advance", { ms: 3_600_000 });
    expect((await arm(emu, location)).status).toBe(200);
    // Used up: the next action names both status URLs again.
    expect(header(await arm(emu, `${SHOP}/roleInstances/FrontendRole_IN_2/reimage`, { method: "POST" }), "azure-asyncoperation")).toBeDefined();
  });

  it("rejects an unknown face", async () => {
    expect((await control(emu, "POST", "faults", { failNext: { count: 1, status: 500, code: "X" }, match: { face: "rdfe" } })).status).toBe(400);
  });
});

describe("request log, state, reset and clock cover the ARM face", () => {
  it("logs ARM requests with face 'arm' and never the token", async () => {
    await arm(emu, `${SHOP}/roleInstances?$expand=instanceView`, { token: "secret-token", headers: { "x-ms-client-request-id": "abc" } });
    await api(emu, "/subscriptions");
    const log = (await control(emu, "GET", "requests")).json as { face: string; method: string; path: string; query: Record<string, string>; headers: Record<string, string>; authorization: unknown }[];
    expect(log.map((l) => l.face)).toEqual(["arm", "classic"]);
    expect(log[0]).toMatchObject({
      method: "GET",
      path: `${SHOP}/roleInstances`,
      query: { "api-version": "2024-11-04", $expand: "instanceView" },
      authorization: { present: true, scheme: "Bearer" },
    });
    expect(log[0]?.headers["x-ms-client-request-id"]).toBe("abc");
    expect(JSON.stringify(log)).not.toContain("secret-token");
  });

  it("serves /_emulator on the ARM listener too (same state, not logged)", async () => {
    const res = await arm(emu, "/_emulator/state", { apiVersion: null, token: null });
    expect(res.status).toBe(200);
    const state = res.json as { subscriptions: { cloudServices: { name: string; resourceGroup: string; instances: unknown[] }[] }[] };
    expect(state.subscriptions[0]?.cloudServices.map((cs) => [cs.resourceGroup, cs.name, cs.instances.length])).toEqual([
      ["rg-shop-prod", "contoso-shop", 12],
      ["rg-reports", "fabrikam-reports", 4],
    ]);
    expect((await control(emu, "GET", "requests")).json).toEqual([]);
  });

  it("reset restores ARM instances and frees a held cloud service; clock/advance moves ARM operations", async () => {
    const res = await arm(emu, `${SHOP}/restart`, { method: "POST", body: '{"roleInstances":["ApiRole_IN_0"]}' });
    const asyncUrl = header(res, "azure-asyncoperation") ?? "";
    expect(cloudServiceSchema.parse((await arm(emu, SHOP)).json).properties.provisioningState).toBe("Updating");
    await control(emu, "POST", "clock/advance", { ms: 140_000 });
    expect((await arm(emu, asyncUrl)).json).toMatchObject({ status: "Succeeded" });

    await arm(emu, `${SHOP}/reimage`, { method: "POST", body: '{"roleInstances":["ApiRole_IN_0"]}' });
    expect((await control(emu, "POST", "reset", {})).status).toBe(204);
    expect(cloudServiceSchema.parse((await arm(emu, SHOP)).json).properties.provisioningState).toBe("Succeeded");
    expect((await arm(emu, asyncUrl)).status).toBe(404);
    expect((await arm(emu, `${SHOP}/reimage`, { method: "POST", body: '{"roleInstances":["ApiRole_IN_0"]}' })).status).toBe(202);
  });

  it("reset to the empty scenario leaves no cloud services and no resource groups", async () => {
    emu.reset("empty");
    expect((await arm(emu, LIST)).json).toEqual({ value: [] });
    expect(armErrorOf(await arm(emu, SHOP)).code).toBe("ResourceGroupNotFound");
    emu.reset("demo");
  });
});
