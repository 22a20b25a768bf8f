import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DEP, errorOf, startStack, SUB, type Stack } from "./harness.ts";

/** Sends `path` byte for byte (fetch would normalise `..` and some escapes away). */
function rawRequest(base: string, method: string, path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: unknown }> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: url.hostname, port: url.port, method, path, headers }, (res) => {
      let text = "";
      res.on("data", (c: Buffer) => (text += c.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as unknown }));
    });
    req.on("error", reject);
    req.end(method === "POST" ? "{}" : undefined);
  });
}

// Names are checked before anything else: a bad one is a 400 and the upstream sees nothing.
describe("name validation", () => {
  let s: Stack;
  beforeAll(async () => {
    s = await startStack();
  });
  afterAll(async () => {
    await s.close();
  });
  beforeEach(async () => {
    await s.clearUpstreamRequests();
  });

  const base = `/api/subscriptions/${SUB}/services`;
  const cases: [string, string, string][] = [
    ["GET", `/api/subscriptions/not-a-guid/services`, "subscription id"],
    ["GET", `/api/subscriptions/..%2F..%2Fsubscriptions/services`, "subscription id"],
    ["GET", `${base}/../deployments/production`, "service name"],
    ["GET", `${base}/contoso-web%2F..%2Fother/deployments/production`, "service name"],
    ["GET", `${base}/contoso%2Fweb/deployments/production`, "service name"],
    ["GET", `${base}/${"a".repeat(64)}/deployments/production`, "service name"],
    ["GET", `${base}/-leading-hyphen/deployments/production`, "service name"],
    ["GET", `${base}/contoso-web/deployments/prod`, "deployment slot"],
    ["GET", `${base}/contoso-web/deployments/Production%00`, "deployment slot"],
    ["POST", `${DEP}/instances/../reimage`, "instance name"],
    ["POST", `${DEP}/instances/..%2F..%2Fx/reimage`, "instance name"],
    ["POST", `${DEP}/instances/.../reimage`, "instance name"],
    ["POST", `${DEP}/instances/${"I".repeat(129)}/reimage`, "instance name"],
    // Well past the 128-character limit (and the router's old 512): still a 400, not a 404.
    ["POST", `${DEP}/instances/${"I".repeat(600)}/reimage`, "instance name"],
    ["POST", `${DEP}/instances/Web%20Frontend/reimage`, "instance name"],
    ["POST", `${DEP}/instances/WebFrontend_IN_0/delete`, "action"],
    ["POST", `${base}/contoso-web/deployments/staging2/instances/WebFrontend_IN_0/reboot`, "deployment slot"],
    ["GET", `/api/subscriptions/${SUB}/operations/not-hex`, "operation id"],
    ["GET", `/api/subscriptions/${SUB}/operations/${"A".repeat(32)}`, "operation id"],
  ];

  it.each(cases)("%s %s → 400 naming the %s, no upstream call", async (method, path, what) => {
    const headers: Record<string, string> = method === "POST" ? { "content-type": "application/json", origin: s.url } : {};
    const res = await rawRequest(s.url, method, path, headers);
    expect(res.status).toBe(400);
    const error = errorOf(res);
    expect(error.code).toBe("InvalidName");
    expect(error.message).toContain(what);
    expect(await s.upstreamRequests()).toEqual([]);
  });

  it("a valid name does reach the upstream (so the assertions above can fail)", async () => {
    const res = await rawRequest(s.url, "GET", DEP);
    expect(res.status).toBe(200);
    expect((await s.upstreamRequests()).length).toBe(1);
  });
});
