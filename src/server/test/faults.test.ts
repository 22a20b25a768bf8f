import { createServer } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { auditListSchema } from "../../shared/api.ts";
import { actionPath, DEP, errorOf, startStack, type Stack } from "./harness.ts";

const reads = async (s: Stack) => (await s.upstreamRequests()).filter((r) => r.method === "GET");

/** A port nothing listens on: bind, note it, close. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  await new Promise((r) => server.close(r));
  return port;
}

// Upstream faults, injected at the real emulator, each surface as the documented error envelope.
describe("upstream faults", () => {
  let s: Stack | undefined;
  afterEach(async () => {
    await s?.close();
    s = undefined;
  });

  it("a 500 on a GET is retried and the read succeeds", async () => {
    s = await startStack();
    await s.faults({ failNext: { count: 1, status: 500, code: "InternalError" } });
    expect((await s.get(DEP)).status).toBe(200);
    expect(await reads(s)).toHaveLength(2);
  });

  it("500s that outlast the retries → 502 UpstreamError", async () => {
    s = await startStack();
    await s.faults({ failNext: { count: 10, status: 500, code: "InternalError", message: "Something broke." } });
    const res = await s.get(DEP);
    expect(res.status).toBe(502);
    expect(errorOf(res)).toMatchObject({ code: "UpstreamError", upstreamStatus: 500, upstreamCode: "InternalError" });
    expect(errorOf(res).message).toContain("Something broke.");
    expect(await reads(s)).toHaveLength(3); // first try + ROLECALL_UPSTREAM_RETRIES (2)
  });

  it("a slow upstream → 504 UpstreamTimeout after the configured timeout", async () => {
    s = await startStack({ env: { ROLECALL_UPSTREAM_TIMEOUT_MS: "150", ROLECALL_UPSTREAM_RETRIES: "1" } });
    await s.faults({ latencyMs: 2000 });
    const started = Date.now();
    const res = await s.get(DEP);
    expect(res.status).toBe(504);
    expect(errorOf(res).code).toBe("UpstreamTimeout");
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it("a hung upstream holds a read for at most ~1.5 × the timeout: a timeout is retried once", async () => {
    s = await startStack({ env: { ROLECALL_UPSTREAM_TIMEOUT_MS: "300" } }); // retries: 2 (default of the harness)
    await s.faults({ latencyMs: 5000 });
    const res = await s.get(DEP);
    expect(res.status).toBe(504);
    expect(errorOf(res).message).toMatch(/did not answer within 0\.\d s/);
    expect(await reads(s)).toHaveLength(2);
  });

  it("throttling with Retry-After is honoured, then the read succeeds", async () => {
    s = await startStack();
    await s.faults({ throttleNext: { count: 1, retryAfterSeconds: 1, status: 429 } });
    const started = Date.now();
    expect((await s.get(DEP)).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(await reads(s)).toHaveLength(2);
  });

  it("throttling longer than Rolecall waits → 503 UpstreamThrottled with Retry-After", async () => {
    s = await startStack();
    await s.faults({ throttleNext: { count: 5, retryAfterSeconds: 120, status: 503 } });
    const res = await s.get(DEP);
    expect(res.status).toBe(503);
    expect(errorOf(res)).toMatchObject({ code: "UpstreamThrottled", upstreamStatus: 503 });
    expect(res.headers.get("retry-after")).toBe("120");
    expect(await reads(s)).toHaveLength(1);
  });

  it("malformed XML → 502 UpstreamMalformed, never a half-parsed deployment", async () => {
    s = await startStack({ env: { ROLECALL_UPSTREAM_RETRIES: "0" } });
    await s.faults({ malformedNext: 1 });
    const res = await s.get(DEP);
    expect(res.status).toBe(502);
    expect(errorOf(res).code).toBe("UpstreamMalformed");
    expect((await s.get(DEP)).status).toBe(200);
  });

  it("connection refused → 502 UpstreamUnreachable, and an action is audited as rejected", async () => {
    const port = await closedPort();
    s = await startStack({ emulatorUrl: `http://127.0.0.1:${port}`, env: { ROLECALL_UPSTREAM_RETRIES: "1" } });
    const res = await s.get(DEP);
    expect(res.status).toBe(502);
    expect(errorOf(res).code).toBe("UpstreamUnreachable");
    expect(errorOf(res).message).toContain("connection refused");
    const action = await s.post(actionPath("WebFrontend_IN_0"));
    expect(action.status).toBe(502);
    const entry = auditListSchema.parse((await s.get("/api/audit")).body)[0];
    expect(entry).toMatchObject({ outcome: "rejected", error: { code: "UpstreamUnreachable" } });
  });

  it("a connection cut after the action was sent → 502 UpstreamConnectionLost, audited unknown, target held", async () => {
    // A real TCP peer that reads the request, then hangs up without a reply.
    const cutter = createServer((socket) => socket.once("data", () => socket.destroy()));
    await new Promise<void>((r) => cutter.listen(0, "127.0.0.1", r));
    const address = cutter.address();
    const port = typeof address === "object" && address ? address.port : 0;
    try {
      s = await startStack({ emulatorUrl: `http://127.0.0.1:${port}` });
      const res = await s.post(actionPath("WebFrontend_IN_0"));
      expect(res.status).toBe(502);
      // Not "could not reach": Azure may have got it, and the code's wording says so.
      expect(errorOf(res).code).toBe("UpstreamConnectionLost");
      const entry = auditListSchema.parse((await s.get("/api/audit")).body)[0];
      expect(entry?.outcome).toBe("unknown");
      expect((await s.post(actionPath("WebFrontend_IN_0"))).status).toBe(409);
    } finally {
      await new Promise((r) => cutter.close(r));
    }
  });

  it("an action that times out is audited as unknown (it may have started)", async () => {
    s = await startStack({ env: { ROLECALL_UPSTREAM_TIMEOUT_MS: "150" } });
    await s.faults({ latencyMs: 1000, match: { method: "POST" } });
    const res = await s.post(actionPath("WebFrontend_IN_0"));
    expect(res.status).toBe(504);
    expect(errorOf(res).message).toContain("may or may not have started");
    const entry = auditListSchema.parse((await s.get("/api/audit")).body)[0];
    expect(entry?.outcome).toBe("unknown");
  });
});
