import { afterAll, beforeAll, expect, it } from "vitest";
import { MANAGEMENT_TOKEN_HEADER } from "../../shared/api.ts";
import { actionPath, DEP, errorOf, startStack, SUB, waitFor, type Stack } from "./harness.ts";
import { startTestAuthority, type TestAuthority } from "./test-authority.ts";

// Passthrough with sign-in: Azure decides what each user may read, so Rolecall's own store (audit,
// operations) is shown only for subscriptions the user can read upstream; and the management token is
// asked for only where the proxy calls the upstream as the user.

const OTHER = "00000000-0000-4000-8000-0000000000aa"; // configured, but unknown to the emulator
const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
const management = (oid: string) => `${b64({ alg: "RS256", typ: "JWT" })}.${b64({ oid })}.sig`;

let authority: TestAuthority;
let s: Stack;
async function as(oid: string, role: "Rolecall.Reader" | "Rolecall.Operator", withManagement = true) {
  const headers: Record<string, string> = { authorization: `Bearer ${await authority.token({ oid, name: oid, roles: [role] })}` };
  if (withManagement) headers[MANAGEMENT_TOKEN_HEADER] = management(oid);
  return headers;
}

beforeAll(async () => {
  authority = await startTestAuthority();
  s = await startStack({ env: { ...authority.env, ROLECALL_UPSTREAM_IDENTITY: "passthrough", ROLECALL_SUBSCRIPTIONS: `${SUB},${OTHER}`, ROLECALL_CACHE_MS: "0" } });
  // One audited action in each subscription (the one in OTHER fails upstream, but is audited).
  const ada = await as("ada-oid", "Rolecall.Operator");
  expect((await s.post(actionPath("WebFrontend_IN_0"), {}, ada)).status).toBe(202);
  // Let the reimage finish, so that the tracker's polling is over before faults are injected.
  await s.control("POST", "clock/advance", { ms: 3_600_000 });
  await waitFor(async () => {
    const [entry] = (await s.get(`/api/audit?subscription=${SUB}`, ada)).body as { outcome: string }[];
    return entry?.outcome === "Succeeded";
  }, "the reimage to finish");
  // The action's reply comes after the upstream's refusal, and its audit row was written before.
  expect((await s.post(actionPath("WebFrontend_IN_0").replace(SUB, OTHER), {}, ada)).status).toBe(403);
});
afterAll(async () => {
  await s.close();
  await authority.close();
});

it("the management token is needed only to call the upstream as the user", async () => {
  const bob = await as("bob-oid", "Rolecall.Reader", false);
  expect(await s.get("/api/me", bob)).toMatchObject({ status: 200, body: { id: "bob-oid", roles: ["reader"] } });
  const read = await s.get(DEP, bob);
  expect([read.status, errorOf(read).message]).toEqual([401, "Sign-in refused: no management token (passthrough mode needs one)."]);
  // The audit is filtered by what the user can read upstream: that takes their token too.
  expect((await s.get("/api/audit", bob)).status).toBe(401);
});

it("audit and operations of a subscription the user cannot read upstream are refused, after asking Azure as them", async () => {
  const eve = await as("eve-oid", "Rolecall.Reader");
  await s.clearUpstreamRequests();
  for (const path of [`/api/audit?subscription=${SUB}`, `/api/subscriptions/${SUB}/operations`, `/api/audit?target=${encodeURIComponent(DEP)}`]) {
    await s.faults({ failNext: { count: 1, status: 403, code: "ForbiddenError", message: "The user has no access." }, match: { method: "GET", pathContains: SUB } });
    const res = await s.get(path, eve);
    expect(res.status).toBe(403);
    expect(Array.isArray(res.body)).toBe(false);
  }
  const asked = await s.upstreamRequests();
  expect(asked.map((r) => r.path)).toEqual([`/${SUB}`, `/${SUB}`, `/${SUB}`]);
  expect(asked.every((r) => r.authorization.scheme === "Bearer")).toBe(true);
});

it("a user who can read the subscription sees its audit; the unfiltered audit leaves out what they cannot read", async () => {
  const bob = await as("bob-oid", "Rolecall.Reader");
  const one = await s.get(`/api/audit?subscription=${SUB}`, bob);
  expect(one.status).toBe(200);
  expect((one.body as { subscription: string }[]).map((e) => e.subscription)).toEqual([SUB]);
  // OTHER is configured and audited, but the emulator (Azure) does not let anyone read it.
  const all = await s.get("/api/audit", bob);
  expect((all.body as { subscription: string }[]).map((e) => e.subscription)).toEqual([SUB]);
  // Nor may eve, who cannot read SUB either, see anything at all.
  await s.faults({ failNext: { count: 1, status: 403, code: "ForbiddenError", message: "No access." }, match: { method: "GET", pathContains: SUB } });
  expect((await s.get("/api/audit", await as("eve-oid", "Rolecall.Reader"))).body).toEqual([]);
});

it("/api/config names no subscription to a signed-out visitor", async () => {
  await s.clearUpstreamRequests();
  const config = await s.get("/api/config");
  expect(config.status).toBe(200);
  expect((config.body as { subscriptions: unknown[] }).subscriptions).toEqual([]);
  expect(JSON.stringify(config.body)).not.toContain(SUB);
  expect(await s.upstreamRequests()).toEqual([]);
});

it("a job of a subscription the operator cannot read upstream cannot be paused, resumed or cancelled by them", async () => {
  const ada = await as("ada-oid", "Rolecall.Operator");
  const started = await s.post(`${DEP}/jobs`, { action: "reboot", instances: ["WebFrontend_IN_1", "WebFrontend_IN_2"], batch: "instance", minReadyPercent: 25 }, ada);
  expect(started.status, JSON.stringify(started.body)).toBe(202);
  const { id } = started.body as { id: string };
  const eve = await as("eve-oid", "Rolecall.Operator");
  for (const what of ["pause", "cancel", "resume"]) {
    await s.faults({ failNext: { count: 1, status: 403, code: "ForbiddenError", message: "The user has no access." }, match: { method: "GET", pathContains: SUB } });
    const res = await s.post(`/api/subscriptions/${SUB}/jobs/${id}/${what}`, {}, eve);
    expect(res.status, what).toBe(403);
    expect(JSON.stringify(res.body)).not.toContain("WebFrontend_IN_1");
  }
  const job = (await s.get(`/api/subscriptions/${SUB}/jobs/${id}`, ada)).body as { state: string; events?: { what: string }[] };
  expect(job.state).toBe("running");
  expect(job.events?.map((e) => e.what)).toEqual(["started"]);
  expect((await s.post(`/api/subscriptions/${SUB}/jobs/${id}/cancel`, {}, ada)).status).toBe(200);
});

it("while Azure does not answer, the job's owner can still pause and cancel it (a refusal alone stops them); resume waits for Azure", async () => {
  const ada = await as("ada-oid", "Rolecall.Operator");
  // Staging: the job of the test before still holds production until its sent reboot ends.
  const started = await s.post(`${DEP.replace("/production", "/staging")}/jobs`, { action: "reboot", instances: ["WebFrontend_IN_0", "WebFrontend_IN_1"], batch: "instance", minReadyPercent: 25 }, ada);
  expect(started.status, JSON.stringify(started.body)).toBe(202);
  const { id } = started.body as { id: string };
  await s.faults({ failNext: { count: 100_000, status: 503, code: "ServiceUnavailable", message: "Down." }, match: { method: "GET" } });
  try {
    const paused = await s.post(`/api/subscriptions/${SUB}/jobs/${id}/pause`, {}, ada);
    expect([paused.status, (paused.body as { state: string }).state], JSON.stringify(paused.body)).toEqual([200, "paused"]);
    const resumed = await s.post(`/api/subscriptions/${SUB}/jobs/${id}/resume`, {}, ada);
    expect(resumed.status).toBeGreaterThanOrEqual(500);
    const cancelled = await s.post(`/api/subscriptions/${SUB}/jobs/${id}/cancel`, {}, ada);
    expect([cancelled.status, (cancelled.body as { state: string }).state]).toEqual([200, "cancelled"]);
  } finally {
    await s.control("DELETE", "faults");
  }
});
