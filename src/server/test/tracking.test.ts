import { afterEach, describe, expect, it } from "vitest";
import { auditListSchema, deploymentSchema } from "../../shared/api.ts";
import { startProxy } from "../main.ts";
import { actionPath, DEP, errorOf, startStack, waitFor, type Stack } from "./harness.ts";
import { startUpstreamRecorder, type UpstreamRecorder } from "./upstream-recorder.ts";

// What happens to the deployment lock when Rolecall cannot follow an operation: its status cannot
// be read, or the POST's outcome itself is unknown.

const audit = async (s: Stack) => auditListSchema.parse((await s.get("/api/audit?limit=500")).body);
const inFlight = async (s: Stack) => deploymentSchema.parse((await s.get(DEP)).body).inFlight;
const posts = async (s: Stack) => (await s.upstreamRequests()).filter((r) => r.method === "POST");
const OPS = { pathContains: "/operations/", method: "GET" };

// Each test starts its own stack (and sometimes a recording hop in front of the emulator).
let s: Stack | undefined;
let recorder: UpstreamRecorder | undefined;
afterEach(async () => {
  await s?.close();
  await recorder?.close();
  s = undefined;
  recorder = undefined;
});

describe("tracking when Get Operation Status cannot be read", () => {

  it("after N failed polls in a row the deployment is freed and the audit says unknown; Azure's 409 still guards", async () => {
    s = await startStack({ env: { ROLECALL_UPSTREAM_RETRIES: "0", ROLECALL_TRACKER_MAX_FAILURES: "3" } });
    const stack = s;
    await stack.faults({ failNext: { count: 1000, status: 500, code: "InternalError" }, match: OPS });
    expect((await stack.post(actionPath("WebFrontend_IN_0"))).status).toBe(202);
    const entry = await waitFor(async () => {
      const e = (await audit(stack))[0];
      return e?.outcome === "unknown" ? e : undefined;
    }, "the tracker to give up");
    expect(entry.error).toEqual({ code: "StatusUnknown", message: expect.stringContaining("Rolecall could not check this operation's status: Azure answered 500 InternalError") as string });
    expect(await inFlight(stack)).toEqual([]);
    // Rolecall no longer holds the deployment: the next action goes upstream, where Azure refuses it.
    const next = await stack.post(actionPath("WebFrontend_IN_1"));
    expect(errorOf(next)).toMatchObject({ code: "UpstreamConflict", upstreamStatus: 409 });
    expect(await posts(stack)).toHaveLength(2);
  });

  it("while its status is unknown the 409 says so; when Azure answers again tracking finishes", async () => {
    s = await startStack({ env: { ROLECALL_UPSTREAM_RETRIES: "0", ROLECALL_TRACKER_MAX_FAILURES: "1000" } });
    const stack = s;
    await stack.faults({ failNext: { count: 1000, status: 503, code: "ServiceUnavailable" }, match: OPS });
    expect((await stack.post(actionPath("WebFrontend_IN_0"))).status).toBe(202);
    const busy = await waitFor(async () => {
      const res = await stack.post(actionPath("WebFrontend_IN_1"));
      return errorOf(res).message.includes("could not be checked since") ? res : undefined;
    }, "a 409 saying the status is unknown");
    expect(busy.status).toBe(409);
    expect(errorOf(busy).message).toContain("Azure answered 503 ServiceUnavailable");
    expect(errorOf(busy).message).not.toContain("Wait for it to finish");
    // Azure recovers: the poller keeps going and records the end.
    await stack.control("DELETE", "faults");
    stack.emu.advance(60 * 60_000);
    await waitFor(async () => (await audit(stack))[0]?.outcome === "Succeeded", "the operation to be recorded Succeeded", 15_000);
    expect((await stack.post(actionPath("WebFrontend_IN_1"))).status).toBe(202);
  });

  it("passthrough after a restart: the poller has no token, is refused, and frees the deployment at once", async () => {
    s = await startStack({ emulator: { requireAuth: true } });
    const auth = { authorization: "Bearer token-of-ada" };
    expect((await s.post(actionPath("WebFrontend_IN_0"), {}, auth)).status).toBe(202);
    await s.stopProxy();
    const proxy = await startProxy(s.env);
    try {
      const read = async () => auditListSchema.parse(await (await fetch(`${proxy.url}/api/audit`)).json());
      const entry = await waitFor(async () => {
        const e = (await read())[0];
        return e?.outcome === "unknown" ? e : undefined;
      }, "the restarted tracker to give up");
      expect(entry.error?.code).toBe("StatusUnknown");
      expect(entry.error?.message).toContain("Azure refused the credentials");
      const dep = deploymentSchema.parse(await (await fetch(`${proxy.url}${DEP}`, { headers: auth })).json());
      expect(dep.inFlight).toEqual([]);
    } finally {
      await proxy.close();
    }
  });

  it("an operator's identity lent by a deployment read takes over when the poller's is refused", async () => {
    recorder = await startUpstreamRecorder();
    s = await startStack({ emulatorUrl: recorder.url, env: { ROLECALL_TRACKER_MAX_FAILURES: "1000" } });
    recorder.forwardTo(s.emu.url);
    const stack = s;
    expect((await stack.post(actionPath("WebFrontend_IN_0"), {}, { authorization: "Bearer token-a" })).status).toBe(202);
    expect((await stack.get(DEP, { authorization: "Bearer token-b" })).status).toBe(200);
    await stack.faults({ failNext: { count: 1, status: 403, code: "ForbiddenError" }, match: OPS });
    // Only polls reach the upstream from here on.
    const seen = recorder.authorizations().length;
    const polls = () => (recorder?.authorizations() ?? []).slice(seen);
    await waitFor(() => polls().includes("Bearer token-b"), "a poll with the lent token");
    stack.emu.advance(60 * 60_000);
    await waitFor(async () => (await audit(stack))[0]?.outcome === "Succeeded", "the operation to be recorded Succeeded");
  });
});

describe("an action whose outcome is unknown", () => {

  it("a POST timeout holds the deployment for a while, says so, then frees it", async () => {
    s = await startStack({ env: { ROLECALL_UPSTREAM_TIMEOUT_MS: "150", ROLECALL_UNCONFIRMED_HOLD_MS: "3000" } });
    const stack = s;
    await stack.faults({ latencyMs: 400, match: { method: "POST" } });
    expect((await stack.post(actionPath("WebFrontend_IN_0"))).status).toBe(504);
    expect((await audit(stack))[0]).toMatchObject({ outcome: "unknown", operationId: null });
    const held = await inFlight(stack);
    expect(held).toHaveLength(1);
    expect(held[0]).toMatchObject({ id: "", status: "InProgress", action: "reimage", instances: ["WebFrontend_IN_0"], error: { code: "OutcomeUnknown" } });
    expect(held[0]?.error?.message).toMatch(/reimage of WebFrontend_IN_0 may have started at .*Rolecall could not confirm it/);
    // Not even the same action goes out again while held.
    for (const path of [actionPath("WebFrontend_IN_1", "reboot"), actionPath("WebFrontend_IN_0")]) {
      const res = await stack.post(path);
      expect(res.status).toBe(409);
      expect(errorOf(res).message).toContain("Rolecall could not confirm it");
    }
    expect(await posts(stack)).toHaveLength(1);
    await waitFor(async () => (await inFlight(stack)).length === 0, "the hold to end", 10_000);
    await stack.control("DELETE", "faults");
    stack.emu.advance(60 * 60_000); // the reimage that did start upstream ends
    expect((await stack.post(actionPath("WebFrontend_IN_1", "reboot"))).status).toBe(202);
  });

  it("a 202 without a valid x-ms-request-id: 502, audited unknown, deployment held", async () => {
    recorder = await startUpstreamRecorder((method, headers) => {
      if (method === "POST") headers["x-ms-request-id"] = "not-a-request-id";
    });
    s = await startStack({ emulatorUrl: recorder.url });
    recorder.forwardTo(s.emu.url);
    const res = await s.post(actionPath("WebFrontend_IN_0"));
    expect(res.status).toBe(502);
    expect(errorOf(res)).toMatchObject({ code: "UpstreamMalformed", upstreamStatus: 202 });
    expect((await audit(s))[0]).toMatchObject({ outcome: "unknown", operationId: null, error: { code: "UpstreamMalformed" } });
    expect((await inFlight(s))[0]?.error?.message).toContain("sent no operation id");
    expect((await s.post(actionPath("WebFrontend_IN_1"))).status).toBe(409);
  });
});
