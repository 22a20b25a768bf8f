import { XMLValidator } from "fast-xml-parser";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { EmulatorHandle } from "../index.ts";
import { action, api, control, errorOf, getDeployment, instanceByName, MINUTE, startManual, SUB, value } from "./helpers.ts";

let emu: EmulatorHandle;
beforeAll(async () => {
  emu = await startManual();
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

interface StateJson {
  now: string;
  scenario: string;
  subscriptions: { id: string; services: { name: string; deployments: { slot: string; status: string; instances: { name: string; status: string; powerState: string }[] }[] }[] }[];
  operations: { id: string; status: string; instance: string; action: string }[];
}

describe("POST /_emulator/reset", () => {
  it("restores the scenario, clears faults and the request log; 204", async () => {
    await action(emu, "contoso-web", "production", "WebFrontend_IN_0", "reboot");
    await control(emu, "POST", "faults", { failNext: { count: 5, status: 500, code: "InternalError" } });
    expect((await control(emu, "POST", "reset", {})).status).toBe(204);
    const dep = await getDeployment(emu, "contoso-web", "production");
    expect(value(instanceByName(dep, "WebFrontend_IN_0"), "InstanceStatus")).toBe("ReadyRole");
    const log = await control(emu, "GET", "requests");
    expect(log.json).toHaveLength(1); // only the Get Deployment above
  });

  it("switches scenario and seed", async () => {
    expect((await control(emu, "POST", "reset", { scenario: "empty" })).status).toBe(204);
    const res = await api(emu, `/${SUB}/services/hostedservices`);
    expect(res.text).not.toContain("<HostedService>");
    expect((await control(emu, "POST", "reset", { scenario: "demo", seed: 42 })).status).toBe(204);
    const a = value(await getDeployment(emu, "contoso-web", "production"), "Name");
    await control(emu, "POST", "reset", { scenario: "demo", seed: 43 });
    expect(value(await getDeployment(emu, "contoso-web", "production"), "Name")).not.toBe(a);
    await control(emu, "POST", "reset", { scenario: "demo", seed: 42 });
    expect(value(await getDeployment(emu, "contoso-web", "production"), "Name")).toBe(a);
  });

  it("rejects bad bodies with 400 JSON", async () => {
    for (const body of [{ scenario: "huge" }, { seed: "x" }, { unknown: 1 }, "{not json"]) {
      const res = await control(emu, "POST", "reset", body);
      expect(res.status).toBe(400);
      expect(res.json).toMatchObject({ error: { code: "BadRequest" } });
    }
  });
});

describe("POST /_emulator/clock/advance", () => {
  it("moves emulated time and answers the new time", async () => {
    const before = Date.parse(((await control(emu, "GET", "state")).json as StateJson).now);
    const res = await control(emu, "POST", "clock/advance", { ms: 90_000 });
    expect(res.status).toBe(200);
    expect(Date.parse((res.json as { now: string }).now) - before).toBe(90_000);
    expect((await control(emu, "POST", "clock/advance", { ms: -1 })).status).toBe(400);
    expect((await control(emu, "POST", "clock/advance", {})).status).toBe(400);
  });
});

describe("POST /_emulator/faults", () => {
  it("failNext answers the given status and code for the next N matching requests only", async () => {
    expect((await control(emu, "POST", "faults", { failNext: { count: 2, status: 503, code: "ServerBusy", message: "Busy." }, match: { pathContains: "hostedservices" } })).status).toBe(204);
    expect((await api(emu, "/subscriptions")).status).toBe(200); // does not match
    for (let i = 0; i < 2; i++) {
      const res = await api(emu, `/${SUB}/services/hostedservices`);
      expect(res.status).toBe(503);
      expect(errorOf(res)).toEqual({ code: "ServerBusy", message: "Busy." });
    }
    expect((await api(emu, `/${SUB}/services/hostedservices`)).status).toBe(200);
  });

  it("match.method restricts a fault to one verb", async () => {
    await control(emu, "POST", "faults", { failNext: { count: 1, status: 500, code: "InternalError" }, match: { method: "POST" } });
    expect((await api(emu, `/${SUB}/services/hostedservices`)).status).toBe(200);
    const res = await action(emu, "contoso-web", "production", "WebFrontend_IN_0", "reboot");
    expect(res.status).toBe(500);
    expect(errorOf(res).code).toBe("InternalError");
    // A failed request starts nothing.
    expect(value(instanceByName(await getDeployment(emu, "contoso-web", "production"), "WebFrontend_IN_0"), "InstanceStatus")).toBe("ReadyRole");
  });

  it("throttleNext answers TooManyRequests with Retry-After", async () => {
    await control(emu, "POST", "faults", { throttleNext: { count: 1, retryAfterSeconds: 17 } });
    const res = await api(emu, "/subscriptions");
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("17");
    expect(errorOf(res).code).toBe("TooManyRequests");
    await control(emu, "POST", "faults", { throttleNext: { count: 1, retryAfterSeconds: 3, status: 503 } });
    expect((await api(emu, "/subscriptions")).status).toBe(503);
    expect((await api(emu, "/subscriptions")).status).toBe(200);
  });

  it("malformedNext answers 200 with a body that is not well-formed XML", async () => {
    await control(emu, "POST", "faults", { malformedNext: 1 });
    const res = await api(emu, `/${SUB}/services/hostedservices`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/xml; charset=utf-8");
    // eslint-disable-next-line @typescript-eslint/no-deprecated
    expect(XMLValidator.validate(res.text)).not.toBe(true);
    // eslint-disable-next-line @typescript-eslint/no-deprecated
    expect(XMLValidator.validate((await api(emu, `/${SUB}/services/hostedservices`)).text)).toBe(true);
  });

  it("latencyMs delays API requests but not control requests", async () => {
    await control(emu, "POST", "faults", { latencyMs: 300 });
    let t = performance.now();
    await api(emu, "/subscriptions");
    expect(performance.now() - t).toBeGreaterThanOrEqual(290);
    t = performance.now();
    await control(emu, "GET", "state");
    expect(performance.now() - t).toBeLessThan(290);
    expect((await control(emu, "DELETE", "faults")).status).toBe(204);
    t = performance.now();
    await api(emu, "/subscriptions");
    expect(performance.now() - t).toBeLessThan(290);
  });

  it("faults never apply to /_emulator, and DELETE clears them", async () => {
    await control(emu, "POST", "faults", { failNext: { count: 3, status: 500, code: "InternalError" } });
    expect((await control(emu, "GET", "state")).status).toBe(200);
    expect((await control(emu, "DELETE", "faults")).status).toBe(204);
    expect((await api(emu, "/subscriptions")).status).toBe(200);
  });

  it("rejects bad fault bodies with 400 JSON", async () => {
    for (const body of [{ failNext: { count: 0, status: 500, code: "X" } }, { throttleNext: { count: 1, retryAfterSeconds: 1, status: 500 } }, { latencyMs: "slow" }, { malformedNext: -1 }]) {
      const res = await control(emu, "POST", "faults", body);
      expect(res.status).toBe(400);
      expect(res.json).toMatchObject({ error: { code: "BadRequest" } });
    }
  });
});

describe("GET /_emulator/state", () => {
  it("shows instances, deployment status and operations as of now", async () => {
    const res = await action(emu, "contoso-billing", "production", "InvoiceWorker_IN_0", "reimage");
    const id = res.headers.get("x-ms-request-id");
    emu.advance(MINUTE);
    const state = (await control(emu, "GET", "state")).json as StateJson;
    expect(state.scenario).toBe("demo");
    const billing = state.subscriptions[0]?.services.find((s) => s.name === "contoso-billing");
    const prod = billing?.deployments.find((d) => d.slot === "production");
    expect(prod?.status).toBe("RunningTransitioning");
    expect(prod?.instances.find((i) => i.name === "InvoiceWorker_IN_0")).toMatchObject({ status: "StoppingVM", powerState: "Stopping" });
    expect(state.operations).toEqual([expect.objectContaining({ id, status: "InProgress", instance: "InvoiceWorker_IN_0", action: "reimage" })]);
  });
});

describe("GET and DELETE /_emulator/requests", () => {
  it("lists API requests (not control ones) with method, path, query, time and headers; DELETE clears", async () => {
    await api(emu, `/${SUB}/services/hostedservices/contoso-web?embed-detail=true`, { headers: { "x-custom": "1" } });
    await control(emu, "GET", "state");
    const log = (await control(emu, "GET", "requests")).json as { method: string; path: string; query: Record<string, string>; at: string; headers: Record<string, string> }[];
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ method: "GET", path: `/${SUB}/services/hostedservices/contoso-web`, query: { "embed-detail": "true" } });
    expect(log[0]?.headers["x-ms-version"]).toBe("2017-01-01");
    expect(log[0]?.headers["x-custom"]).toBe("1");
    expect(Number.isNaN(Date.parse(log[0]?.at ?? ""))).toBe(false);
    expect((await control(emu, "DELETE", "requests")).status).toBe(204);
    expect((await control(emu, "GET", "requests")).json).toEqual([]);
  });

  it("unknown control paths are 404 JSON and wrong verbs 405 JSON", async () => {
    expect(await control(emu, "GET", "nope")).toMatchObject({ status: 404, json: { error: { code: "NotFound" } } });
    expect(await control(emu, "GET", "reset")).toMatchObject({ status: 405, json: { error: { code: "MethodNotAllowed" } } });
  });
});
