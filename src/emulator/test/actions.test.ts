import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { EmulatorHandle } from "../index.ts";
import {
  action, api, control, errorOf, getDeployment, instanceByName, MINUTE, names, NS, operationStatus, parseXml, REQUEST_ID, startManual,
  SUB, svcPath, value, type ApiResponse,
} from "./helpers.ts";

let emu: EmulatorHandle;
beforeAll(async () => {
  emu = await startManual();
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

function expectAccepted(res: ApiResponse): string {
  expect(res.status).toBe(202);
  expect(res.text).toBe("");
  expect(res.headers.get("content-length")).toBe("0");
  expect(res.headers.get("content-type")).toBeNull();
  const id = res.headers.get("x-ms-request-id") ?? "";
  expect(id).toMatch(REQUEST_ID);
  return id;
}

const dashed = (id: string) => `${id.slice(0, 8)}-${id.slice(8, 12)}-${id.slice(12, 16)}-${id.slice(16, 20)}-${id.slice(20)}`;

describe.each(["reboot", "reimage", "rebuild"])("%s Role Instance", (comp) => {
  const extra = comp === "rebuild" ? "&resources=allLocalDrives" : "";

  it("answers 202 with no body and an operation id, and the instance starts stopping", async () => {
    const id = expectAccepted(await action(emu, "contoso-web", "production", "WebFrontend_IN_1", comp, extra));
    const dep = await getDeployment(emu, "contoso-web", "production");
    expect(value(instanceByName(dep, "WebFrontend_IN_1"), "InstanceStatus")).toBe("StoppingRole");
    expect(value(dep, "Status")).toBe("RunningTransitioning");
    expect(value(await operationStatus(emu, id), "Status")).toBe("InProgress");
  });

  it("works through the deployments/<name> form too", async () => {
    const name = value(await getDeployment(emu, "contoso-billing", "staging"), "Name");
    const res = await api(emu, svcPath("contoso-billing", `/deployments/${name}/roleinstances/BillingApi_IN_0?comp=${comp}${extra}`), { method: "POST" });
    expectAccepted(res);
    const dep = await getDeployment(emu, "contoso-billing", "staging");
    expect(value(instanceByName(dep, "BillingApi_IN_0"), "InstanceStatus")).toBe("StoppingRole");
  });
});

describe("Role instance action errors", () => {
  it("rebuild without resources=allLocalDrives is 400 MissingOrInvalidRequiredQueryParameter", async () => {
    for (const extra of ["", "&resources=someDrives"]) {
      const res = await action(emu, "contoso-web", "production", "WebFrontend_IN_0", "rebuild", extra);
      expect(res.status).toBe(400);
      expect(errorOf(res).code).toBe("MissingOrInvalidRequiredQueryParameter");
    }
    const dep = await getDeployment(emu, "contoso-web", "production");
    expect(value(instanceByName(dep, "WebFrontend_IN_0"), "InstanceStatus")).toBe("ReadyRole");
  });

  it("a bad or missing comp is 400 MissingOrInvalidRequiredQueryParameter", async () => {
    const bad = await action(emu, "contoso-web", "production", "WebFrontend_IN_0", "explode");
    expect(bad.status).toBe(400);
    expect(errorOf(bad).code).toBe("MissingOrInvalidRequiredQueryParameter");
    const missing = await api(emu, svcPath("contoso-web", "/deploymentslots/production/roleinstances/WebFrontend_IN_0"), { method: "POST" });
    expect(missing.status).toBe(400);
    expect(errorOf(missing).code).toBe("MissingOrInvalidRequiredQueryParameter");
  });

  it("unknown service, slot, deployment and instance are 404 ResourceNotFound", async () => {
    const cases: [string, string][] = [
      ["/services/hostedservices/nope/deploymentslots/production/roleinstances/X_IN_0?comp=reboot", "The hosted service does not exist."],
      ["/services/hostedservices/fabrikam-jobs/deploymentslots/staging/roleinstances/JobRunner_IN_0?comp=reboot", "No deployments were found."],
      ["/services/hostedservices/fabrikam-jobs/deployments/nope/roleinstances/JobRunner_IN_0?comp=reboot", "No deployments were found."],
    ];
    for (const [path, message] of cases) {
      const res = await api(emu, `/${SUB}${path}`, { method: "POST" });
      expect(res.status).toBe(404);
      expect(errorOf(res)).toEqual({ code: "ResourceNotFound", message });
    }
    const res = await action(emu, "fabrikam-jobs", "production", "JobRunner_IN_9", "reboot");
    expect(res.status).toBe(404);
    expect(errorOf(res).code).toBe("ResourceNotFound");
    expect(errorOf(res).message).toContain("JobRunner_IN_9");
  });

  it("409 ConflictError naming the blocking request id while an operation holds the deployment", async () => {
    const first = expectAccepted(await action(emu, "contoso-web", "production", "WebFrontend_IN_0", "reboot"));
    const second = await action(emu, "contoso-web", "production", "WebFrontend_IN_2", "reimage");
    expect(second.status).toBe(409);
    expect(second.headers.get("x-ms-request-id")).toMatch(REQUEST_ID);
    expect(second.headers.get("x-ms-request-id")).not.toBe(first);
    expect(errorOf(second)).toEqual({
      code: "ConflictError",
      message: `Windows Azure is currently performing an operation with x-ms-requestid ${first} on this deployment that requires exclusive access.`,
    });
    // The refused action changed nothing.
    const dep = await getDeployment(emu, "contoso-web", "production");
    expect(value(instanceByName(dep, "WebFrontend_IN_2"), "InstanceStatus")).toBe("ReadyRole");
    // Other deployments, even the other slot of the same service, are not held.
    expectAccepted(await action(emu, "contoso-web", "staging", "WebFrontend_IN_0", "reboot"));
  });

  it("once the operation has Succeeded the deployment is free even though the instance is still starting", async () => {
    const first = expectAccepted(await action(emu, "contoso-web", "production", "WebFrontend_IN_0", "reboot"));
    emu.advance(2.5 * MINUTE);
    expect(value(await operationStatus(emu, first), "Status")).toBe("Succeeded");
    const dep = await getDeployment(emu, "contoso-web", "production");
    expect(value(instanceByName(dep, "WebFrontend_IN_0"), "InstanceStatus")).not.toBe("ReadyRole");
    expect(value(dep, "Status")).toBe("Running");
    expectAccepted(await action(emu, "contoso-web", "production", "WebFrontend_IN_1", "reboot"));
  });

  it("Locked is true exactly while an operation holds the deployment (when new writes get 409)", async () => {
    expect(value(await getDeployment(emu, "contoso-web", "production"), "Locked")).toBe("false");
    const first = expectAccepted(await action(emu, "contoso-web", "production", "WebFrontend_IN_0", "reboot"));
    expect(value(await getDeployment(emu, "contoso-web", "production"), "Locked")).toBe("true");
    expect(value(await getDeployment(emu, "contoso-web", "staging"), "Locked")).toBe("false");
    emu.advance(2.5 * MINUTE);
    expect(value(await operationStatus(emu, first), "Status")).toBe("Succeeded");
    expect(value(await getDeployment(emu, "contoso-web", "production"), "Locked")).toBe("false");
  });
});

describe("Get Operation Status — GET /<sub>/operations/<id>", () => {
  it("InProgress carries only ID (dashed GUID) and Status; Succeeded adds HttpStatusCode 200", async () => {
    const id = expectAccepted(await action(emu, "fabrikam-jobs", "production", "JobRunner_IN_0", "reboot"));
    const res = await api(emu, `/${SUB}/operations/${id}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/xml; charset=utf-8");
    const poll = res.headers.get("x-ms-request-id");
    expect(poll).toMatch(REQUEST_ID);
    expect(poll).not.toBe(id);
    const op = parseXml(res.text);
    expect(op.name).toBe("Operation");
    expect(op.attrs.xmlns).toBe(NS);
    expect(names(op)).toEqual(["ID", "Status"]);
    expect(value(op, "ID")).toBe(dashed(id));
    expect(value(op, "Status")).toBe("InProgress");

    emu.advance(10 * MINUTE);
    const done = await operationStatus(emu, id);
    expect(names(done)).toEqual(["ID", "Status", "HttpStatusCode"]);
    expect(value(done, "Status")).toBe("Succeeded");
    expect(value(done, "HttpStatusCode")).toBe("200");
  });

  it("Failed carries HttpStatusCode and Error{Code,Message}", async () => {
    expect((await control(emu, "POST", "faults", { failNextOperations: 1 })).status).toBe(204);
    const id = expectAccepted(await action(emu, "fabrikam-jobs", "production", "JobRunner_IN_1", "reimage"));
    emu.advance(30 * MINUTE);
    const op = await operationStatus(emu, id);
    expect(names(op)).toEqual(["ID", "Status", "HttpStatusCode", "Error"]);
    expect(value(op, "Status")).toBe("Failed");
    expect(value(op, "HttpStatusCode")).toBe("500");
    expect(value(op, "Error", "Code")).toBe("InternalError");
    expect(value(op, "Error", "Message")).not.toBe("");
  });

  it("answers 404 for an unknown id and 400 for one that is not a request id", async () => {
    const unknown = await api(emu, `/${SUB}/operations/${"a".repeat(32)}`);
    expect(unknown.status).toBe(404);
    expect(errorOf(unknown).code).toBe("ResourceNotFound");
    const bad = await api(emu, `/${SUB}/operations/not-an-id`);
    expect(bad.status).toBe(400);
    expect(errorOf(bad).code).toBe("BadRequest");
  });
});
