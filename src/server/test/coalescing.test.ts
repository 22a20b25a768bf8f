import { afterEach, describe, expect, it } from "vitest";
import { deploymentSchema } from "../../shared/api.ts";
import { DEP, startStack, type Stack } from "./harness.ts";

const deploymentReads = async (s: Stack) =>
  (await s.upstreamRequests()).filter((r) => r.method === "GET" && r.path.toLowerCase().includes("/deploymentslots/production"));

describe("coalescing and the shared cache", () => {
  let s: Stack | undefined;
  afterEach(async () => {
    await s?.close();
    s = undefined;
  });

  it("50 concurrent identical GETs make 1 upstream call", async () => {
    s = await startStack();
    const stack = s;
    // Slow the upstream a little so all 50 are surely waiting at the same time.
    await stack.faults({ latencyMs: 100 });
    const replies = await Promise.all(Array.from({ length: 50 }, () => stack.get(DEP)));
    expect(replies.every((r) => r.status === 200)).toBe(true);
    const fetchedAt = new Set(replies.map((r) => deploymentSchema.parse(r.body).fetchedAt));
    expect(fetchedAt.size).toBe(1);
    expect(await deploymentReads(stack)).toHaveLength(1);
  });

  it("with the cache off, concurrent reads still share one call but later reads go upstream again", async () => {
    s = await startStack({ env: { ROLECALL_CACHE_MS: "0" } });
    const stack = s;
    await stack.faults({ latencyMs: 50 });
    await Promise.all(Array.from({ length: 10 }, () => stack.get(DEP)));
    expect(await deploymentReads(stack)).toHaveLength(1);
    await stack.get(DEP);
    expect(await deploymentReads(stack)).toHaveLength(2);
  });

  it("cached data is not shared between different upstream tokens", async () => {
    s = await startStack();
    await s.get(DEP, { authorization: "Bearer token-of-alice" });
    await s.get(DEP, { authorization: "Bearer token-of-alice" });
    expect(await deploymentReads(s)).toHaveLength(1);
    await s.get(DEP, { authorization: "Bearer token-of-bob" });
    expect(await deploymentReads(s)).toHaveLength(2);
    await s.get(DEP);
    expect(await deploymentReads(s)).toHaveLength(3);
  });

  it("an accepted action drops the cached deployment so viewers see the change", async () => {
    s = await startStack({ env: { ROLECALL_CACHE_MS: "60000" } });
    await s.get(DEP);
    const res = await s.post(`${DEP}/instances/WebFrontend_IN_0/reboot`);
    expect(res.status).toBe(202);
    const dep = deploymentSchema.parse((await s.get(DEP)).body);
    expect(await deploymentReads(s)).toHaveLength(2);
    expect(dep.inFlight).toHaveLength(1);
  });
});
