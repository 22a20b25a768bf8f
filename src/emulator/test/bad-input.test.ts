import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EmulatorHandle } from "../index.ts";
import { action, api, errorOf, getDeployment, instanceByName, REQUEST_ID, startManual, SUB, svcPath, value } from "./helpers.ts";

let emu: EmulatorHandle;
beforeAll(async () => {
  emu = await startManual();
});
afterAll(() => emu.close());

function expectXmlError(res: { status: number; headers: Headers; text: string }, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toBe("application/xml; charset=utf-8");
  expect(res.headers.get("x-ms-request-id")).toMatch(REQUEST_ID);
  expect(errorOf(res).code).toBe(code);
}

/** Sends raw bytes and returns the raw response text (for requests fetch refuses to send). */
function raw(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => socket.write(request));
    let data = "";
    socket.on("data", (d: Buffer) => (data += d.toString("utf8")));
    socket.on("end", () => resolve(data));
    socket.on("error", reject);
    socket.setTimeout(5000, () => socket.destroy(new Error("timeout")));
  });
}

describe("x-ms-version", () => {
  it("is required on every API request: 400 MissingOrIncorrectVersionHeader", async () => {
    for (const path of ["/subscriptions", `/${SUB}/services/hostedservices`, svcPath("contoso-web", "/deploymentslots/production")]) {
      expectXmlError(await api(emu, path, { version: null }), 400, "MissingOrIncorrectVersionHeader");
    }
    expectXmlError(await api(emu, `/${SUB}/services/hostedservices`, { version: "latest" }), 400, "MissingOrIncorrectVersionHeader");
  });

  it("without it an action is refused and changes nothing", async () => {
    const res = await api(emu, svcPath("contoso-web", "/deploymentslots/production/roleinstances/WebFrontend_IN_3?comp=reboot"), { method: "POST", version: null });
    expectXmlError(res, 400, "MissingOrIncorrectVersionHeader");
    const dep = await getDeployment(emu, "contoso-web", "production");
    expect(value(instanceByName(dep, "WebFrontend_IN_3"), "InstanceStatus")).toBe("ReadyRole");
  });

  it("rebuild needs 2013-06-01 or later", async () => {
    const res = await api(emu, svcPath("contoso-web", "/deploymentslots/production/roleinstances/WebFrontend_IN_3?comp=rebuild&resources=allLocalDrives"), {
      method: "POST",
      version: "2012-03-01",
    });
    expectXmlError(res, 400, "MissingOrIncorrectVersionHeader");
  });
});

describe("unknown paths and verbs", () => {
  it("unknown paths get 404 Error XML, never HTML", async () => {
    for (const path of ["/", "/favicon.ico", `/${SUB}/services/storageservices`, `/${SUB}/services/hostedservices/contoso-web/deploymentslots/production/extra/deep`]) {
      expectXmlError(await api(emu, path), 404, "ResourceNotFound");
    }
  });

  it("a known path with the wrong verb is 400 InvalidHttpVerb", async () => {
    expectXmlError(await api(emu, `/${SUB}/services/hostedservices`, { method: "DELETE" }), 400, "InvalidHttpVerb");
    expectXmlError(await api(emu, svcPath("contoso-web", "/deploymentslots/production/roleinstances/WebFrontend_IN_0?comp=reboot"), { method: "PUT" }), 400, "InvalidHttpVerb");
  });
});

describe("malformed and oversize requests", () => {
  it("a body over 1 MB is 400 Error XML and the action does not happen", async () => {
    const res = await api(emu, svcPath("contoso-web", "/deploymentslots/staging/roleinstances/WebFrontend_IN_0?comp=reboot"), {
      method: "POST",
      body: `<x>${"a".repeat(1024 * 1024 + 10)}</x>`,
    });
    expectXmlError(res, 400, "BadRequest");
    const dep = await getDeployment(emu, "contoso-web", "staging");
    expect(value(instanceByName(dep, "WebFrontend_IN_0"), "InstanceStatus")).toBe("ReadyRole");
  });

  it("a body that is not well-formed XML is 400 InvalidXmlRequest", async () => {
    const res = await api(emu, svcPath("contoso-web", "/deploymentslots/staging/roleinstances/WebFrontend_IN_0?comp=reboot"), {
      method: "POST",
      headers: { "content-type": "application/xml" },
      body: "<RoleInstances><Name>oops</RoleInstances>",
    });
    expectXmlError(res, 400, "InvalidXmlRequest");
  });

  it("bad percent-encoding in path or query is 400 Error XML", async () => {
    expectXmlError(await api(emu, `/${SUB}/services/hostedservices/%E0%A4%A`), 400, "BadRequest");
    expectXmlError(await api(emu, `/${SUB}/services/hostedservices/contoso-web?embed-detail=%ZZ`), 400, "BadRequest");
  });

  it("a request that is not HTTP at all gets a 400 with Error XML", async () => {
    const text = await raw(emu.port, "THIS IS NOT HTTP\r\n\r\n");
    expect(text).toMatch(/^HTTP\/1\.1 400 /);
    expect(text).toContain("<Code>BadRequest</Code>");
    expect(text).toContain('xmlns="http://schemas.microsoft.com/windowsazure"');
  });

  it("the emulator keeps serving after all of the above", async () => {
    const res = await action(emu, "contoso-web", "staging", "ApiWorker_IN_1", "reboot");
    expect(res.status).toBe(202);
  });
});
