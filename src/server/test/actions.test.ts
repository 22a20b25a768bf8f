import { afterEach, describe, expect, it } from "vitest";
import { actionAcceptedSchema, auditListSchema, operationSchema } from "../../shared/api.ts";
import type { Authenticator } from "../auth/types.ts";
import { actionPath, errorOf, startStack, SUB, waitFor, type Stack } from "./harness.ts";

const posts = async (s: Stack) => (await s.upstreamRequests()).filter((r) => r.method === "POST");
const audit = async (s: Stack) => auditListSchema.parse((await s.get("/api/audit?limit=500")).body);

describe("actions: one per deployment, duplicates share, tracking finishes alone", () => {
  let s: Stack | undefined;
  afterEach(async () => {
    await s?.close();
    s = undefined;
  });

  it("20 concurrent reimage POSTs for one instance → exactly 1 upstream POST and one operation id", async () => {
    s = await startStack();
    const stack = s;
    await stack.faults({ latencyMs: 100, match: { method: "POST" } });
    const replies = await Promise.all(Array.from({ length: 20 }, () => stack.post(actionPath("WebFrontend_IN_0"))));
    expect(replies.map((r) => r.status)).toEqual(Array(20).fill(202));
    const ids = new Set(replies.map((r) => actionAcceptedSchema.parse(r.body).operationId));
    expect(ids.size).toBe(1);
    const sent = await posts(stack);
    expect(sent).toHaveLength(1);
    // The wire form the reference prescribes for action POSTs.
    expect(sent[0]?.query).toEqual({ comp: "reimage" });
    expect(sent[0]?.headers).toMatchObject({ "content-type": "application/xml", "content-length": "0", "x-ms-version": "2017-01-01" });
    expect(await audit(stack)).toHaveLength(1);

    // The same action on the same instance later, still in flight: the existing operation again.
    const again = await stack.post(actionPath("WebFrontend_IN_0"));
    expect(again.status).toBe(202);
    expect(actionAcceptedSchema.parse(again.body).operationId).toBe([...ids][0]);
    expect(await posts(stack)).toHaveLength(1);
  });

  it("a second instance (or another action) on the same deployment → 409 naming the first, no upstream call", async () => {
    s = await startStack();
    const first = actionAcceptedSchema.parse((await s.post(actionPath("WebFrontend_IN_0"))).body);
    for (const path of [actionPath("WebFrontend_IN_1"), actionPath("WebFrontend_IN_0", "reboot")]) {
      const res = await s.post(path);
      expect(res.status).toBe(409);
      const error = errorOf(res);
      expect(error.code).toBe("DeploymentBusy");
      expect(error.message).toContain("WebFrontend_IN_0");
      expect(error.message).toContain("local operator");
      expect(error.blocking).toMatchObject({ id: first.operationId, action: "reimage", instances: ["WebFrontend_IN_0"], requestedBy: "local operator" });
    }
    expect(await posts(s)).toHaveLength(1);
    // Another deployment is not blocked.
    expect((await s.post(actionPath("WebFrontend_IN_0", "reimage", "contoso-web", "staging"))).status).toBe(202);
  });

  it("two different actions on one deployment at the same moment → one 202, one 409 naming the other", async () => {
    s = await startStack();
    const stack = s;
    await stack.faults({ latencyMs: 100, match: { method: "POST" } });
    const [a, b] = await Promise.all([stack.post(actionPath("WebFrontend_IN_0")), stack.post(actionPath("WebFrontend_IN_1", "reboot"))]);
    const replies = [a, b].sort((x, y) => x.status - y.status);
    expect(replies.map((r) => r.status)).toEqual([202, 409]);
    const winner = actionAcceptedSchema.parse(replies[0]?.body);
    const error = errorOf(replies[1] ?? { body: null });
    expect(error.code).toBe("DeploymentBusy");
    // The loser arrived while the winner's POST was still out: it is named, without an id yet.
    expect(error.blocking).toMatchObject({ action: winner.action, instances: winner.instances, requestedBy: "local operator" });
    expect(await posts(stack)).toHaveLength(1);
    expect(await audit(stack)).toHaveLength(1);
  });

  it("tracks the operation to its end with no browser watching, then frees the deployment", async () => {
    s = await startStack();
    const stack = s;
    const { operationId } = actionAcceptedSchema.parse((await stack.post(actionPath("WebFrontend_IN_2", "rebuild"))).body);
    const rebuild = (await posts(stack))[0];
    expect(rebuild?.query).toEqual({ comp: "rebuild", resources: "allLocalDrives" });
    await waitFor(async () => (await audit(stack))[0]?.outcome === "InProgress", "the tracker to see InProgress");
    stack.emu.advance(60 * 60_000);
    await waitFor(async () => (await audit(stack))[0]?.outcome === "Succeeded", "the tracker to record Succeeded");
    const op = operationSchema.parse((await stack.get(`/api/subscriptions/${SUB}/operations/${operationId}`)).body);
    expect(op).toMatchObject({ status: "Succeeded", httpStatusCode: 200, action: "rebuild" });
    expect((await stack.post(actionPath("WebFrontend_IN_1"))).status).toBe(202);
  });

  it("a failed operation is recorded as Failed with the upstream error", async () => {
    s = await startStack();
    const stack = s;
    await stack.faults({ failNextOperations: 1 });
    const { operationId } = actionAcceptedSchema.parse((await stack.post(actionPath("WebFrontend_IN_1", "reboot"))).body);
    stack.emu.advance(60 * 60_000);
    const entry = await waitFor(async () => {
      const e = (await audit(stack))[0];
      return e?.outcome === "Failed" ? e : undefined;
    }, "the operation to fail");
    expect(entry.operationId).toBe(operationId);
    expect(entry.error?.code).toBeTruthy();
    const op = operationSchema.parse((await stack.get(`/api/subscriptions/${SUB}/operations/${operationId}`)).body);
    expect(op.status).toBe("Failed");
    expect(op.error?.message).toBeTruthy();
  });

  it("an upstream 409 ConflictError is passed on with the blocking request id", async () => {
    s = await startStack();
    const blocking = "0123456789abcdef0123456789abcdef";
    await s.faults({
      failNext: { count: 1, status: 409, code: "ConflictError", message: `Windows Azure is currently performing an operation with x-ms-requestid ${blocking} on this deployment that requires exclusive access.` },
      match: { method: "POST" },
    });
    const res = await s.post(actionPath("WebFrontend_IN_0"));
    expect(res.status).toBe(409);
    const error = errorOf(res);
    expect(error).toMatchObject({ code: "UpstreamConflict", upstreamStatus: 409, upstreamCode: "ConflictError", requestId: blocking });
    expect(error.message).toContain(blocking);
    // Azure's own words are passed on: they say what holds the deployment.
    expect(error.message).toContain(`Azure said: Windows Azure is currently performing an operation with x-ms-requestid ${blocking}`);
    expect(error.message).toContain("Wait for it to finish");
    expect((await audit(s))[0]).toMatchObject({ outcome: "rejected", operationId: null });
    // A refused action does not hold the deployment.
    expect((await s.post(actionPath("WebFrontend_IN_0"))).status).toBe(202);
  });

  it("action POSTs are never retried", async () => {
    s = await startStack();
    await s.faults({ failNext: { count: 1, status: 500, code: "InternalError" }, match: { method: "POST" } });
    const res = await s.post(actionPath("WebFrontend_IN_0"));
    expect(res.status).toBe(502);
    expect(errorOf(res)).toMatchObject({ code: "UpstreamError", upstreamStatus: 500 });
    expect(await posts(s)).toHaveLength(1);
  });

  it("rate-limits actions per actor", async () => {
    s = await startStack({ env: { ROLECALL_ACTION_RATE_LIMIT: "3" } });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await s.post(actionPath("WebFrontend_IN_0"))).status);
    expect(statuses).toEqual([202, 202, 202, 429]);
    const before = (await posts(s)).length;
    const res = await s.post(actionPath("WebFrontend_IN_0"));
    expect(errorOf(res).code).toBe("TooManyActions");
    expect(errorOf(res).message).toMatch(/at most 3 actions a minute/);
    // The SPA tells the person when they may act again from this header.
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await posts(s)).toHaveLength(before);
  });

  it("a reader may look but not act (403, nothing forwarded or audited)", async () => {
    const reader: Authenticator = {
      mode: "test",
      authenticate: () => Promise.resolve({ name: "Rita Reader", id: "rita", roles: ["reader"] }),
    };
    s = await startStack({ authenticator: reader });
    expect((await s.get(`/api/subscriptions/${SUB}/services`)).status).toBe(200);
    const res = await s.post(actionPath("WebFrontend_IN_0"));
    expect(res.status).toBe(403);
    expect(errorOf(res).code).toBe("NotAnOperator");
    expect(await posts(s)).toHaveLength(0);
    expect(await audit(s)).toHaveLength(0);
  });

  it("a body may carry only a reason: anything else is refused, saying what, and nothing leaves or is audited", async () => {
    s = await startStack();
    const refused = [
      [{ force: true }, 'Unknown field "force" in the action\'s body: it may carry only "reason"'],
      [{ reason: "INC-1", instances: ["*"] }, 'Unknown field "instances"'],
      [{ reason: 42 }, 'The action\'s "reason" must be text.'],
      [{ reason: "x".repeat(501) }, 'The action\'s "reason" must be at most 500 characters.'],
      [{ reason: "INC-1\nrm -rf" }, 'The action\'s "reason" must be one line of text'],
      [["reason"], "Send a JSON object"],
      ["null", "Send a JSON object"],
    ] as const;
    for (const [body, message] of refused) {
      const res = await s.post(actionPath("WebFrontend_IN_0"), body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(errorOf(res)).toMatchObject({ code: "InvalidBody", message: expect.stringContaining(message) as string });
    }
    expect(await posts(s)).toHaveLength(0);
    expect(await audit(s)).toHaveLength(0);
  });

  it("GET /api/audit?actor=&outcome= filters in the store: a whole name in any case, one or more outcomes", async () => {
    const people: Authenticator = {
      mode: "test",
      authenticate: (request) => {
        const name = decodeURIComponent(String(request.headers["x-test-person"] ?? "Ada%20Lovelace"));
        return Promise.resolve({ name, id: name.toLowerCase(), roles: ["reader", "operator"] });
      },
    };
    s = await startStack({ authenticator: people });
    expect((await s.post(actionPath("WebFrontend_IN_0", "reboot", "contoso-web", "staging"), {}, { "x-test-person": encodeURIComponent("Zoë Grant") })).status).toBe(202);
    await s.faults({ failNext: { count: 1, status: 500, code: "InternalError" }, match: { method: "POST" } });
    expect((await s.post(actionPath("BillingApi_IN_0", "reboot", "contoso-billing", "production"))).status).toBe(502);
    expect((await s.post(actionPath("BillingApi_IN_0", "reboot", "contoso-billing", "staging"))).status).toBe(202);
    const stack = s;
    const found = async (query: string) => auditListSchema.parse((await stack.get(`/api/audit?${query}`)).body).map((e) => `${e.actor}: ${e.target.split("/").slice(-3).join("/")} ${e.outcome === "rejected" ? "refused" : "sent"}`);
    expect(await found("actor=ADA%20LOVELACE")).toEqual(["Ada Lovelace: contoso-billing/deployments/staging sent", "Ada Lovelace: contoso-billing/deployments/production refused"]);
    expect(await found(`actor=${encodeURIComponent("zoË grant")}`)).toEqual(["Zoë Grant: contoso-web/deployments/staging sent"]);
    // A whole name: part of one finds nothing.
    expect(await found("actor=Ada")).toEqual([]);
    expect(await found("outcome=rejected")).toEqual(["Ada Lovelace: contoso-billing/deployments/production refused"]);
    expect(await found(`outcome=Failed,rejected,unknown&actor=${encodeURIComponent("Zoë Grant")}`)).toEqual([]);
    expect(await found("actor=&outcome=")).toHaveLength(3);

    const wrong = await s.get("/api/audit?outcome=failed");
    expect(wrong.status).toBe(400);
    expect(errorOf(wrong)).toMatchObject({ code: "InvalidQuery", message: 'Query parameter "outcome" must be one or more of pending, accepted, InProgress, Succeeded, Failed, rejected, unknown (comma-separated, as written), not "failed".' });
    expect(errorOf(await s.get(`/api/audit?actor=${"a".repeat(201)}`)).message).toBe('Query parameter "actor" must be at most 200 characters.');
    expect(errorOf(await s.get("/api/audit?who=Ada")).message).toBe('Unknown query parameter "who": use subscription, target, service, slot, instance, actor, outcome, limit or before.');
  });

  it("keeps the reason with the action in the audit, trimmed; no body, {} or a blank reason still act without one", async () => {
    s = await startStack();
    const longest = `INC-4711 ${"x".repeat(491)}`;
    const sent = [
      [actionPath("WebFrontend_IN_0", "reboot", "contoso-web", "production"), { reason: "  INC-4711 · API latency  " }],
      [actionPath("WebFrontend_IN_0", "reboot", "contoso-web", "staging"), ""],
      [actionPath("BillingApi_IN_0", "reboot", "contoso-billing", "production"), {}],
      [actionPath("BillingApi_IN_0", "reboot", "contoso-billing", "staging"), { reason: "   " }],
    ] as const;
    for (const [path, body] of sent) expect((await s.post(path, body)).status, path).toBe(202);
    const rows = (await audit(s)).reverse();
    expect(rows.map((e) => e.reason)).toEqual(["INC-4711 · API latency", undefined, undefined, undefined]);
    // 500 characters, the most, are kept whole.
    expect((await s.post(actionPath("JobRunner_IN_0", "reboot", "fabrikam-jobs", "production"), { reason: longest })).status).toBe(202);
    expect((await audit(s))[0]?.reason).toBe(longest);
  });
});
