import { describe, expect, it } from "vitest";
import { UpstreamError } from "../../upstream/errors.ts";
import { FAKE_ARM_ORIGIN, fakeArmConfig, fakeArmTransport } from "../arm/fake-transport.ts";
import type { ArmTransport, JsonResponse } from "../arm/transport.ts";
import { createExtendedBackend } from "./client.ts";

// Unit tests of the extended backend's reading of ARM replies the emulator does not give (it always
// answers 202 with absolute URLs on its own origin): a fake transport plays Azure here. The backend
// against the real ARM face over HTTPS is in src/server/test/extended.test.ts.

const ORIGIN = FAKE_ARM_ORIGIN;
const SUB = "7d9c1d9e-3c4b-4f5a-8e2d-1a2b3c4d5e6f";
const target = { kind: "extended", subscription: SUB, resourceGroup: "rg", name: "cs" } as const;
const identity = { kind: "anonymous" } as const;
const log = { warn: () => {} };
const fakeTransport = fakeArmTransport;

const backendWith = (t: ArmTransport) => createExtendedBackend(t, () => Promise.resolve("t"), fakeArmConfig, log);

describe("extended backend: starting actions", () => {
  it("a 201 with a relative status URL is followed on the ARM origin, its id from the operation's name", async () => {
    const { transport } = fakeTransport(() => ({ status: 201, headers: { "azure-asyncoperation": "/subscriptions/s/providers/Microsoft.Compute/locations/x/operations/0a1b2c3d-0000-4000-8000-00000000abcd?api-version=1" } }));
    const started = await backendWith(transport).startAction(target, "reimage", ["Web_IN_0"], identity);
    expect(started).toEqual({ id: "0a1b2c3d000040008000" + "00000000abcd", handle: `async:${ORIGIN}/subscriptions/s/providers/Microsoft.Compute/locations/x/operations/0a1b2c3d-0000-4000-8000-00000000abcd?api-version=1` });
  });

  it("an accepted action whose status URL is elsewhere, or missing, is 'accepted but untrackable', never a refusal", async () => {
    for (const headers of [{ "azure-asyncoperation": "https://evil.example/op/1" }, {}]) {
      const { transport, sent } = fakeTransport(() => ({ status: 202, headers }));
      const err = await backendWith(transport).startAction(target, "reboot", ["Web_IN_0"], identity).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(UpstreamError);
      expect((err as UpstreamError).failure).toMatchObject({ kind: "malformed", accepted: true });
      // The POST went out once; nothing went to the other host.
      expect(sent.map((r) => [r.method, new URL(r.url).origin])).toEqual([["POST", ORIGIN]]);
    }
  });

  it("several instances go in one batch call naming exactly them; an empty list or a wildcard never leaves", async () => {
    const { transport, sent } = fakeTransport(() => ({ status: 202, headers: { location: `${ORIGIN}/op/1` } }));
    const backend = backendWith(transport);
    await backend.startAction(target, "rebuild", ["Web_IN_0", "Web_IN_1"], identity);
    expect(sent).toEqual([{ method: "POST", url: `${ORIGIN}/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.Compute/cloudServices/cs/rebuild?api-version=2024-11-04`, body: { roleInstances: ["Web_IN_0", "Web_IN_1"] } }]);
    for (const bad of [[], ["*"], ["Web_IN_0", "web_in_0"], Array.from({ length: backend.maxInstancesPerCall + 1 }, (_, i) => `Web_IN_${i}`)]) {
      await expect(backend.startAction(target, "rebuild", bad, identity)).rejects.toThrow(/refusing/);
    }
    expect(sent).toHaveLength(1);
  });
});

describe("extended backend: following an operation", () => {
  it("the async status document: InProgress with the poll's Retry-After, then Failed with Azure's error", async () => {
    let status = "InProgress";
    const { transport } = fakeTransport(() => ({ status: 200, headers: { "retry-after": "7" }, json: { status, error: status === "Failed" ? { code: "RoleInstanceStartFailed", message: "It did not start." } : undefined } }));
    const backend = backendWith(transport);
    const op = { id: "a".repeat(32), handle: `async:${ORIGIN}/op/1` };
    expect(await backend.readOperation(target, op, identity)).toEqual({ id: op.id, status: "InProgress", retryAfterMs: 7000 });
    status = "Failed";
    expect(await backend.readOperation(target, op, identity)).toEqual({ id: op.id, status: "Failed", error: { code: "RoleInstanceStartFailed", message: "It did not start." } });
  });

  it("Location only: 202 running, 200 done, a 4xx in ARM's envelope is the operation's failure; a 5xx, 404 or bare 4xx says nothing of it", async () => {
    let reply: Partial<JsonResponse> = { status: 202, headers: { "retry-after": "3" } };
    const { transport } = fakeTransport(() => reply);
    const backend = backendWith(transport);
    const op = { id: "b".repeat(32), handle: `location:${ORIGIN}/op/2?monitor=true` };
    expect(await backend.readOperation(target, op, identity)).toMatchObject({ status: "InProgress", retryAfterMs: 3000 });
    reply = { status: 200 };
    expect(await backend.readOperation(target, op, identity)).toMatchObject({ status: "Succeeded" });
    reply = { status: 400, json: { error: { code: "OperationNotAllowed", message: "Reimage failed." } } };
    expect(await backend.readOperation(target, op, identity)).toMatchObject({ status: "Failed", httpStatusCode: 400, error: { code: "OperationNotAllowed", message: "Reimage failed." } });
    // A gateway's or Azure's own trouble answering the poll: a failed read, the operation still unknown.
    for (const r of [{ status: 503, json: { error: { code: "ServiceUnavailable", message: "Busy." } } }, { status: 500 }, { status: 502, json: "Bad Gateway" }, { status: 404 }, { status: 400 }]) {
      reply = r;
      const err = await backend.readOperation(target, op, identity).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(UpstreamError);
      expect((err as UpstreamError).failure).toMatchObject({ kind: "http", status: r.status });
    }
  });

  it("a Location poll's 503 or connection reset is retried like any read before it counts as a failed read", async () => {
    const answers: (() => Promise<JsonResponse>)[] = [
      () => Promise.resolve({ status: 503, headers: {}, json: undefined }),
      () => Promise.reject(new UpstreamError({ kind: "unreachable", cause: "ECONNRESET: socket hang up", maybeSent: true })),
      () => Promise.resolve({ status: 202, headers: {}, json: undefined }),
    ];
    let sent = 0;
    const transport: ArmTransport = { origin: ORIGIN, send: () => answers[sent++]?.() ?? Promise.reject(new Error("no more answers")), close: () => {} };
    const backend = createExtendedBackend(transport, () => Promise.resolve("t"), { ...fakeArmConfig, upstream: { ...fakeArmConfig.upstream, retries: 2 } }, log);
    expect(await backend.readOperation(target, { id: "c".repeat(32), handle: `location:${ORIGIN}/op/3?monitor=true` }, identity)).toMatchObject({ status: "InProgress" });
    expect(sent).toBe(3);
  });
});
