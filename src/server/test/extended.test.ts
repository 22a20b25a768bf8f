import { afterEach, describe, expect, it } from "vitest";
import { actionAcceptedSchema, appConfigSchema, ARM_TOKEN_HEADER, armTargetListSchema, auditListSchema, deploymentSchema, healthSchema, operationSchema } from "../../shared/api.ts";
import { errorOf, SHOP, startStack, SUB, waitFor, type Stack } from "./harness.ts";
import { startTestAuthority } from "./test-authority.ts";
import { startProxy } from "../main.ts";

// The extended backend (Cloud Services, extended support) through the proxy, against the emulator's
// ARM face over real HTTPS; the emulator's CA is trusted through ROLECALL_CA_PATH.

const armRequests = async (s: Stack) => (await s.upstreamRequests()).filter((r) => r.face === "arm");
const opPath = (id: string) => `/api/subscriptions/${SUB}/operations/${id}`;
/** The operation as /api tells it once it is no longer in progress. */
const operationEnded = (s: Stack, id: string) =>
  waitFor(async () => {
    const o = operationSchema.parse((await s.get(opPath(id))).body);
    return o.status !== "InProgress" ? o : undefined;
  }, "the operation to end");
const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
/** A token whose signature only Azure would check: the proxy reads whose it is. */
const unsignedToken = (oid: string) => `${b64({ alg: "RS256", typ: "JWT" })}.${b64({ oid })}.sig`;

describe("extended cloud services", () => {
  let s: Stack | undefined;
  afterEach(async () => {
    await s?.close();
    s = undefined;
  });

  it("lists the subscription's cloud services with their roles and ready counts", async () => {
    s = await startStack({ arm: true });
    const res = await s.get(`/api/subscriptions/${SUB}/cloudServices`);
    expect(res.status).toBe(200);
    const list = armTargetListSchema.parse(res.body);
    expect(list.map((c) => [c.resourceGroup, c.name, c.instanceCount, c.readyCount])).toEqual([
      ["rg-shop-prod", "contoso-shop", 12, 11],
      ["rg-reports", "fabrikam-reports", 4, 4],
    ]);
    expect(list[0]?.roles).toEqual([
      { name: "FrontendRole", instanceCount: 4 },
      { name: "ApiRole", instanceCount: 3 },
      { name: "WorkerRole", instanceCount: 5 },
    ]);
  });

  it("reads a cloud service as a target: kind, roles, update domains, tone from the instance view", async () => {
    s = await startStack({ arm: true });
    const dep = deploymentSchema.parse((await s.get(SHOP)).body);
    expect(dep).toMatchObject({ kind: "extended", name: "contoso-shop", resourceGroup: "rg-shop-prod", upgradeDomainCount: 3, slotType: "Production", inFlight: [] });
    expect(dep.instances).toHaveLength(12);
    expect(dep.instances.find((i) => i.name === "FrontendRole_IN_0")).toMatchObject({ role: "FrontendRole", status: "RoleState/RoleStateStarted", tone: "ok", powerState: "started" });
    // The unhealthy instance reports Busy at level Error: not ready, and said why.
    const sick = dep.instances.find((i) => i.name === "ApiRole_IN_1");
    expect(sick).toMatchObject({ tone: "failed", status: "RoleState/RoleStateBusy" });
    expect(sick?.stateDetails).toBeTruthy();
    expect((await armRequests(s)).every((r) => r.authorization.scheme === "Bearer")).toBe(true);
  });

  it("reads every page of a long instance list, following nextLink", async () => {
    s = await startStack({ arm: true, emulator: { arm: { port: 0, pageSize: 5 } } });
    const dep = deploymentSchema.parse((await s.get(SHOP)).body);
    expect(dep.instances.map((i) => i.name)).toHaveLength(12);
    expect(new Set(dep.instances.map((i) => i.name)).size).toBe(12);
    const pages = (await armRequests(s)).filter((r) => r.path.endsWith("/roleInstances"));
    expect(pages).toHaveLength(3);
  });

  it("with the classic API off, only extended cloud services are served, and health says which upstreams are on", async () => {
    s = await startStack({ arm: true, env: { ROLECALL_UPSTREAM_URL: "none", ROLECALL_SUBSCRIPTIONS: SUB } });
    expect(appConfigSchema.parse((await s.get("/api/config")).body)).toMatchObject({ kinds: ["extended", "scaleset"], subscriptions: [{ id: SUB, name: SUB }] });
    expect(healthSchema.parse((await s.get("/api/health")).body).upstreams).toEqual({ classic: false, arm: true });
    expect((await s.get(`/api/subscriptions/${SUB}/services`)).status).toBe(404);
    expect((await s.get(`/api/subscriptions/${SUB}/cloudServices`)).status).toBe(200);
    expect((await s.upstreamRequests()).every((r) => r.face === "arm")).toBe(true);
  });

  it("reimages one instance through the ARM face and follows the long-running operation to its end", async () => {
    s = await startStack({ arm: true });
    const res = await s.post(`${SHOP}/instances/WorkerRole_IN_2/reimage`);
    expect(res.status).toBe(202);
    const accepted = actionAcceptedSchema.parse(res.body);
    expect(accepted.operationId).toMatch(/^[0-9a-f]{32}$/);
    // One action, one POST, naming exactly that instance.
    const posts = (await armRequests(s)).filter((r) => r.method === "POST");
    expect(posts.map((r) => r.path)).toEqual([expect.stringMatching(/\/cloudServices\/contoso-shop\/roleInstances\/WorkerRole_IN_2\/reimage$/)]);
    // The target is held while it runs, and the duplicate is refused naming it.
    expect((await s.post(`${SHOP}/instances/WorkerRole_IN_3/reboot`)).status).toBe(409);
    const op = operationSchema.parse((await s.get(opPath(accepted.operationId))).body);
    expect(op).toMatchObject({ status: "InProgress", target: SHOP, instances: ["WorkerRole_IN_2"] });

    s.emu.advance(60 * 60_000);
    const done = await operationEnded(s, accepted.operationId);
    expect(done.status).toBe("Succeeded");
    const audit = auditListSchema.parse((await s.get(`/api/audit?target=${encodeURIComponent(SHOP)}`)).body);
    expect(audit[0]).toMatchObject({ action: "reimage", instances: ["WorkerRole_IN_2"], outcome: "Succeeded", target: SHOP, operationId: accepted.operationId });
    // Reboot is ARM's restart; the target is free again.
    expect((await s.post(`${SHOP}/instances/WorkerRole_IN_3/reboot`)).status).toBe(202);
    expect((await armRequests(s)).filter((r) => r.method === "POST").at(-1)?.path).toMatch(/roleInstances\/WorkerRole_IN_3\/restart$/);
  });

  it("a restart of the proxy mid-operation resumes tracking from the stored status URL", async () => {
    s = await startStack({ arm: true });
    const accepted = actionAcceptedSchema.parse((await s.post(`${SHOP}/instances/WorkerRole_IN_1/reimage`)).body);
    await s.stopProxy();
    const again = await startProxy(s.env);
    try {
      s.emu.advance(60 * 60_000);
      const audit = async () => auditListSchema.parse(await (await fetch(`${again.url}/api/audit?target=${encodeURIComponent(SHOP)}`)).json());
      const entry = await waitFor(async () => (await audit()).find((e) => e.operationId === accepted.operationId && e.outcome === "Succeeded"), "the resumed operation to finish");
      expect(entry.instances).toEqual(["WorkerRole_IN_1"]);
      // Followed through ARM's operation status URL, not by sending the action again.
      expect((await armRequests(s)).filter((r) => r.method === "POST")).toHaveLength(1);
      expect((await armRequests(s)).some((r) => r.path.includes(`/operations/`))).toBe(true);
    } finally {
      await again.close();
    }
  });

  it("a failed long-running operation is reported with Azure's error and audited Failed", async () => {
    s = await startStack({ arm: true });
    await s.faults({ failNextOperations: 1 });
    const accepted = actionAcceptedSchema.parse((await s.post(`${SHOP}/instances/FrontendRole_IN_1/rebuild`)).body);
    s.emu.advance(60 * 60_000);
    const stack = s;
    const done = await waitFor(async () => {
      const o = operationSchema.parse((await stack.get(opPath(accepted.operationId))).body);
      return o.status !== "InProgress" ? o : undefined;
    }, "the rebuild to end");
    expect(done).toMatchObject({ status: "Failed", error: { code: expect.any(String) as string, message: expect.any(String) as string } });
    const audit = auditListSchema.parse((await s.get(`/api/audit?target=${encodeURIComponent(SHOP)}`)).body);
    expect(audit[0]?.outcome).toBe("Failed");
  });

  it("an operation followed through its Location URL alone survives 503s from that URL: still running, then Succeeded, never audited Failed", async () => {
    s = await startStack({ arm: true });
    await s.faults({ locationOnlyNext: 1 });
    // More 503s than one read's retries (2): one poll fails as a read, the next is retried through.
    await s.faults({ failNext: { count: 4, status: 503, code: "ServiceUnavailable", message: "The gateway is busy." }, match: { face: "arm", method: "GET", pathContains: "/operations/" } });
    const accepted = actionAcceptedSchema.parse((await s.post(`${SHOP}/instances/WorkerRole_IN_2/reimage`)).body);
    const stack = s;
    const polls = async () => (await armRequests(stack)).filter((r) => r.method === "GET" && r.path.includes("/operations/"));
    // The audit, not the operation: reading the operation polls Azure too, and would use up a 503.
    const outcome = async () => auditListSchema.parse((await stack.get(`/api/audit?target=${encodeURIComponent(SHOP)}`)).body)[0]?.outcome;
    const ended = (o: string | undefined) => o === "Succeeded" || o === "Failed" || o === "unknown";
    // Recorded InProgress only once a poll got past the four 503s.
    const seen = await waitFor(async () => {
      const o = await outcome();
      return o === "InProgress" || ended(o) ? o : undefined;
    }, "a Location poll past the four 503s, or the operation's end");
    expect(seen).toBe("InProgress");
    const seenPolls = await polls();
    expect(seenPolls.length).toBeGreaterThanOrEqual(5);
    expect(seenPolls.every((r) => r.query.monitor === "true")).toBe(true);
    expect(operationSchema.parse((await s.get(opPath(accepted.operationId))).body).status).toBe("InProgress");
    // The target is still held: the blip freed nothing.
    expect((await s.post(`${SHOP}/instances/WorkerRole_IN_3/reboot`)).status).toBe(409);

    s.emu.advance(60 * 60_000);
    const done = await operationEnded(stack, accepted.operationId);
    expect(done.status).toBe("Succeeded");
    const audit = auditListSchema.parse((await s.get(`/api/audit?target=${encodeURIComponent(SHOP)}`)).body);
    expect(audit.map((e) => [e.operationId, e.outcome])).toEqual([[accepted.operationId, "Succeeded"]]);
  });

  it("ARM's 409 is passed on as UpstreamConflict and holds nothing; its 429 is retried or passed on with Retry-After", async () => {
    s = await startStack({ arm: true, env: { ROLECALL_CACHE_MS: "0" } });
    await s.faults({ failNext: { count: 1, status: 409, code: "Conflict", message: "Another operation is in progress." }, match: { face: "arm", method: "POST" } });
    const conflict = await s.post(`${SHOP}/instances/WorkerRole_IN_0/reimage`);
    expect(conflict.status).toBe(409);
    expect(errorOf(conflict)).toMatchObject({ code: "UpstreamConflict", upstreamStatus: 409, upstreamCode: "Conflict" });
    expect((await s.post(`${SHOP}/instances/WorkerRole_IN_0/reimage`)).status).toBe(202);

    await s.faults({ throttleNext: { count: 1, status: 429, retryAfterSeconds: 0 }, match: { face: "arm", method: "GET" } });
    expect((await s.get(SHOP)).status).toBe(200);
    await s.faults({ throttleNext: { count: 5, status: 429, retryAfterSeconds: 60 }, match: { face: "arm", method: "GET" } });
    const throttled = await s.get(SHOP);
    expect(throttled.status).toBe(503);
    expect(errorOf(throttled)).toMatchObject({ code: "UpstreamThrottled", upstreamStatus: 429 });
    expect(throttled.headers.get("retry-after")).toBe("60");
  });

  it("passthrough: the caller's bearer token goes to ARM; without one ARM refuses and the person is told", async () => {
    s = await startStack({ arm: true, env: { ROLECALL_ARM_IDENTITY: "passthrough" } });
    const refused = await s.get(SHOP);
    expect(refused.status).toBe(403);
    expect(errorOf(refused)).toMatchObject({ code: "UpstreamForbidden", upstreamStatus: 401 });
    const ok = await s.get(SHOP, { authorization: "Bearer caller-token" });
    expect(ok.status).toBe(200);
    const seen = (await armRequests(s)).map((r) => r.authorization);
    // Each read is two ARM calls (the resource, its instances): none carried a token, then both did.
    expect(seen.map(({ present, scheme }) => ({ present, scheme }))).toEqual([{ present: false }, { present: false }, { present: true, scheme: "Bearer" }, { present: true, scheme: "Bearer" }]);
  });

  it("sign-in with passthrough: the SPA is told the ARM scope, and the ARM token must be the user's own", async () => {
    const authority = await startTestAuthority();
    try {
      s = await startStack({ arm: true, env: { ...authority.env, ROLECALL_UPSTREAM_IDENTITY: "passthrough", ROLECALL_ARM_IDENTITY: "passthrough" } });
      const config = appConfigSchema.parse((await s.get("/api/config")).body);
      expect(config.auth).toMatchObject({ mode: "msal", armScope: "https://management.azure.com//user_impersonation" });
      expect(config.kinds).toEqual(["classic", "extended", "scaleset"]);
      const ada = { authorization: `Bearer ${await authority.token({ oid: "ada-oid", name: "Ada", roles: ["Rolecall.Operator"] })}` };
      const none = await s.get(SHOP, ada);
      expect([none.status, errorOf(none).message]).toEqual([401, "Sign-in refused: no ARM token (passthrough to Azure Resource Manager needs one)."]);
      const others = await s.get(SHOP, { ...ada, [ARM_TOKEN_HEADER]: unsignedToken("mallory-oid") });
      expect([others.status, errorOf(others).message]).toEqual([401, "Sign-in refused: ARM token belongs to another user."]);
      expect(await armRequests(s)).toEqual([]);
      expect((await s.get(SHOP, { ...ada, [ARM_TOKEN_HEADER]: unsignedToken("ada-oid") })).status).toBe(200);
      expect((await armRequests(s)).every((r) => r.authorization.scheme === "Bearer")).toBe(true);
    } finally {
      await authority.close();
    }
  });

  it("never follows a URL ARM hands out to another origin: the token stays home, the action is held as unconfirmed", async () => {
    // The emulator hands out URLs on 127.0.0.1; Rolecall is told ARM lives at localhost.
    s = await startStack({ arm: true, armUrl: (url) => url.replace("127.0.0.1", "localhost") });
    const res = await s.post(`${SHOP}/instances/WorkerRole_IN_0/reimage`);
    expect(res.status).toBe(502);
    expect(errorOf(res).code).toBe("UpstreamMalformed");
    expect(errorOf(res).message).toMatch(/not on the ARM origin/);
    const audit = auditListSchema.parse((await s.get("/api/audit")).body);
    expect(audit[0]?.outcome).toBe("unknown");
    expect((await s.post(`${SHOP}/instances/WorkerRole_IN_1/reimage`)).status).toBe(409);
    // Nothing went to the other origin: the emulator saw the POST and nothing after it.
    expect((await armRequests(s)).map((r) => r.method)).toEqual(["POST"]);
  });
});
