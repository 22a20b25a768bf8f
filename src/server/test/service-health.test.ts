import { afterEach, describe, expect, it } from "vitest";
import { deploymentSchema, FETCHED_AT_HEADER, readySchema, STALE_HEADER } from "../../shared/api.ts";
import { actionPath, DEP, errorOf, startStack, SUB, waitFor, type Stack } from "./harness.ts";

// What a team running Rolecall relies on besides the dashboard: last good data when Azure does not
// answer, a readiness probe for the load balancer, and Prometheus metrics when asked for.

let s: Stack | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});

describe("last good data when Azure does not answer", () => {
  it("GET {T} and the list answer their last good copy, marked stale with the error; never one past the bound, nor without a copy", async () => {
    s = await startStack({ env: { ROLECALL_CACHE_MS: "0", ROLECALL_UPSTREAM_RETRIES: "0", ROLECALL_STALE_MAX_MS: "2000" } });
    const stack = s;
    const good = deploymentSchema.parse((await stack.get(DEP)).body);
    expect(good.stale).toBeUndefined();
    expect((await stack.get(`/api/subscriptions/${SUB}/services`)).status).toBe(200);

    await stack.faults({ failNext: { count: 1000, status: 500, code: "InternalError" }, match: { method: "GET" } });
    const res = await stack.get(DEP);
    expect(res.status).toBe(200);
    const stale = deploymentSchema.parse(res.body);
    expect(stale.fetchedAt).toBe(good.fetchedAt);
    expect(stale.instances).toEqual(good.instances);
    expect(stale.stale).toMatchObject({ error: { code: "UpstreamError", message: expect.stringContaining("500 InternalError") as string } });
    expect(Date.parse(stale.stale?.since ?? "")).toBeGreaterThanOrEqual(Date.parse(good.fetchedAt));
    expect(res.headers.get(STALE_HEADER)).toBe(stale.stale?.since);
    const list = await stack.get(`/api/subscriptions/${SUB}/services`);
    expect(list.status).toBe(200);
    expect(list.headers.get(STALE_HEADER)).toBeTruthy();
    expect(list.headers.get(FETCHED_AT_HEADER)).toBeTruthy();

    // A target never read has no copy: the error, as before.
    const never = await stack.get(DEP.replace("production", "staging"));
    expect(never.status).toBe(502);
    expect(errorOf(never).code).toBe("UpstreamError");
    // A copy older than ROLECALL_STALE_MAX_MS is not served.
    await waitFor(async () => (await stack.get(DEP)).status === 502, "the copy to pass its bound", 5000);

    // Azure answers again: fresh data, no mark.
    await stack.control("DELETE", "faults");
    const fresh = await stack.get(DEP);
    expect(deploymentSchema.parse(fresh.body).stale).toBeUndefined();
    expect(fresh.headers.get(STALE_HEADER)).toBeNull();
  });

  it("an upstream that is down altogether (unreachable) is covered too", async () => {
    s = await startStack({ env: { ROLECALL_CACHE_MS: "0", ROLECALL_UPSTREAM_RETRIES: "0" } });
    expect((await s.get(DEP)).status).toBe(200);
    await s.emu.close();
    const res = await s.get(DEP);
    expect(res.status).toBe(200);
    expect(deploymentSchema.parse(res.body).stale?.error.code).toMatch(/^Upstream(Unreachable|ConnectionLost)$/);
  });
});

describe("readiness", () => {
  it("200 while the store and the upstream answer; 503 NotReady naming the upstream when it does not; /api/health stays up", async () => {
    // Each probe its own check, so the second sees the upstream go down at once.
    s = await startStack({ env: { ROLECALL_UPSTREAM_RETRIES: "0", ROLECALL_READY_CACHE_MS: "0" } });
    const ready = await s.get("/api/health/ready");
    expect(ready.status).toBe(200);
    expect(readySchema.parse(ready.body)).toMatchObject({ ok: true, store: "sqlite", upstreams: { classic: { ms: expect.any(Number) as number } } });
    await s.faults({ failNext: { count: 1000, status: 503, code: "ServiceUnavailable" }, match: { method: "GET", pathContains: "/subscriptions" } });
    const down = await s.get("/api/health/ready");
    expect(down.status).toBe(503);
    // Which part, in plain words; the detail (the upstream's answer, host names) is for the log only.
    expect(errorOf(down)).toMatchObject({ code: "NotReady", message: "Not ready: the classic upstream (Service Management) did not answer." });
    expect((await s.get("/api/health")).status).toBe(200);
  });
});

describe("readiness probed by anyone, as often as they like", () => {
  /** The upstream reads a readiness check makes: List Subscriptions on each face. */
  const checks = async (stack: Stack) => (await stack.upstreamRequests()).filter((r) => r.method === "GET" && r.path === "/subscriptions").map((r) => r.face).sort();
  const probe = (stack: Stack) => stack.get("/api/health/ready");

  it("a flood of probes, at once and one after another, costs Azure one check", async () => {
    s = await startStack({ arm: true, env: { ROLECALL_READY_CACHE_MS: "60000" } });
    const stack = s;
    await stack.clearUpstreamRequests();
    const together = await Promise.all(Array.from({ length: 50 }, () => probe(stack)));
    expect(together.map((r) => r.status)).toEqual(Array(50).fill(200));
    for (let i = 0; i < 20; i++) {
      const res = await probe(stack);
      expect(res.status).toBe(200);
      expect(readySchema.parse(res.body).upstreams).toMatchObject({ classic: { ms: expect.any(Number) as number }, arm: { ms: expect.any(Number) as number } });
    }
    expect(await checks(stack)).toEqual(["arm", "classic"]);
  });

  it("after the interval a probe checks again and sees the upstream that stopped answering (503 NotReady naming it); probes at once share that check", async () => {
    s = await startStack({ env: { ROLECALL_UPSTREAM_RETRIES: "0", ROLECALL_READY_CACHE_MS: "300" } });
    const stack = s;
    await stack.clearUpstreamRequests();
    expect((await probe(stack)).status).toBe(200);
    expect(await checks(stack)).toEqual(["classic"]);
    await stack.faults({ failNext: { count: 1000, status: 503, code: "ServiceUnavailable" }, match: { method: "GET", pathContains: "/subscriptions" } });
    const down = await waitFor(async () => {
      const res = await probe(stack);
      return res.status === 503 ? res : undefined;
    }, "a fresh check once the interval passed");
    expect(errorOf(down)).toMatchObject({ code: "NotReady", message: "Not ready: the classic upstream (Service Management) did not answer." });
    const before = (await checks(stack)).length;
    expect(before).toBeGreaterThanOrEqual(2);
    // A failure is shared like a success: a burst while Azure struggles adds at most one check.
    const burst = await Promise.all(Array.from({ length: 10 }, () => probe(stack)));
    expect(burst.map((r) => r.status)).toEqual(Array(10).fill(503));
    expect((await checks(stack)).length - before).toBeLessThanOrEqual(1);
  });
});

describe("readiness with both upstreams", () => {
  it("asks Azure Resource Manager too (any answer short of a server error counts)", async () => {
    s = await startStack({ arm: true });
    const ready = await s.get("/api/health/ready");
    expect(ready.status).toBe(200);
    expect(readySchema.parse(ready.body).upstreams).toMatchObject({ classic: { ms: expect.any(Number) as number }, arm: { ms: expect.any(Number) as number } });
  });
});

describe("metrics", () => {
  it("are not served by default", async () => {
    s = await startStack();
    expect((await s.get("/metrics")).status).toBe(404);
  });

  it("ROLECALL_METRICS=on serves Prometheus text with upstream calls, cache, actions, in-flight and store latency", async () => {
    s = await startStack({ env: { ROLECALL_METRICS: "on" } });
    expect((await s.get(DEP)).status).toBe(200);
    expect((await s.get(DEP)).status).toBe(200);
    expect((await s.post(actionPath("WebFrontend_IN_0"))).status).toBe(202);
    expect((await s.post(actionPath("WebFrontend_IN_0"))).status).toBe(202);
    const res = await s.get("/metrics");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain/);
    const text = String(res.body);
    const value = (line: RegExp) => Number(new RegExp(`^${line.source} (\\S+)$`, "m").exec(text)?.[1]);
    expect(value(/rolecall_upstream_requests_total\{upstream="classic",method="POST",status="202"\}/)).toBe(1);
    expect(value(/rolecall_upstream_request_duration_seconds_count\{upstream="classic",method="GET"\}/)).toBeGreaterThan(0);
    expect(value(/rolecall_read_cache_total\{result="miss"\}/)).toBeGreaterThan(0);
    expect(value(/rolecall_read_cache_total\{result="hit"\}/)).toBeGreaterThan(0);
    expect(value(/rolecall_actions_total\{outcome="accepted"\}/)).toBe(1);
    expect(value(/rolecall_actions_total\{outcome="duplicate"\}/)).toBe(1);
    expect(value(/rolecall_in_flight\{holder="operation"\}/)).toBe(1);
    expect(value(/rolecall_store_duration_seconds_count\{call="holds.acquire",result="ok"\}/)).toBeGreaterThan(0);
    expect(text).toMatch(/^rolecall_process_cpu_seconds_total /m);
  });
});
