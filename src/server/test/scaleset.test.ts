import { afterEach, describe, expect, it } from "vitest";
import { actionAcceptedSchema, armTargetListSchema, auditListSchema, deploymentSchema, jobSchema, operationSchema, type Job } from "../../shared/api.ts";
import { errorOf, startStack, SUB, waitFor, type Stack } from "./harness.ts";

// The scaleset backend through the proxy, against the emulator's ARM face over real HTTPS (demo
// scenario: checkout-web, six instances over three zones and three update domains with a health
// probe; "1" and "5" unhealthy, "3" protected from scale-set actions).

const CHECKOUT = `/api/subscriptions/${SUB}/resourceGroups/rg-checkout/virtualMachineScaleSets/checkout-web`;
const JOBS = `/api/subscriptions/${SUB}/jobs`;
const armPosts = async (s: Stack) => (await s.upstreamRequests()).filter((r) => r.face === "arm" && r.method === "POST");

interface EmulatedOperation {
  scaleSet?: string;
  action: string;
  instances: string[];
}

/**
 * Every POST the emulator saw went to a batch endpoint of the set with a JSON body the size of
 * `{"instanceIds": [...]}` naming exactly the instances of the operation it started, never all six.
 * (The request log keeps headers, not bodies: the body's length and the operation's instances say it.)
 */
async function expectExplicitBatchPosts(s: Stack, expected: string[][]): Promise<void> {
  const posts = await armPosts(s);
  const state = (await (await s.control("GET", "state")).json()) as { armOperations: EmulatedOperation[] };
  const ops = state.armOperations.filter((o) => o.scaleSet === "checkout-web");
  expect(ops.map((o) => o.instances)).toEqual(expected);
  expect(posts).toHaveLength(expected.length);
  posts.forEach((post, i) => {
    expect(post.path).toMatch(/\/virtualMachineScaleSets\/checkout-web\/(reimage|restart|reimageall)$/);
    expect(post.query["api-version"]).toBe("2026-04-01");
    expect(post.headers["content-type"]).toBe("application/json");
    expect(Number(post.headers["content-length"])).toBe(Buffer.byteLength(JSON.stringify({ instanceIds: expected[i] })));
  });
}

async function finished(s: Stack, operationId: string) {
  return waitFor(async () => {
    s.emu.advance(60_000);
    const o = operationSchema.parse((await s.get(`/api/subscriptions/${SUB}/operations/${operationId}`)).body);
    return o.status !== "InProgress" ? o : undefined;
  }, "the operation to end", 10_000);
}

describe("scale sets", () => {
  let s: Stack | undefined;
  afterEach(async () => {
    await s?.close();
    s = undefined;
  });

  it("lists the subscription's Uniform scale sets, one role named after each, ready counted by the catalog", async () => {
    s = await startStack({ arm: true });
    const res = await s.get(`/api/subscriptions/${SUB}/virtualMachineScaleSets`);
    expect(res.status).toBe(200);
    expect(armTargetListSchema.parse(res.body)).toEqual([
      { resourceGroup: "rg-checkout", name: "checkout-web", location: "westeurope", status: "Succeeded", instanceCount: 6, readyCount: 4, roles: [{ name: "checkout-web", instanceCount: 6 }] },
    ]);
  });

  it("reads a scale set as a target: instances by instanceId, zone, health, update domains, protection", async () => {
    s = await startStack({ arm: true });
    const dep = deploymentSchema.parse((await s.get(CHECKOUT)).body);
    expect(dep).toMatchObject({ kind: "scaleset", name: "checkout-web", resourceGroup: "rg-checkout", upgradeDomainCount: 3, roles: [{ name: "checkout-web", instanceCount: 6 }], inFlight: [] });
    expect(dep.instances.map((i) => [i.name, i.zone, i.upgradeDomain, i.health, i.tone])).toEqual([
      ["0", "1", 0, "healthy", "ok"],
      ["1", "2", 1, "unhealthy", "failed"],
      ["2", "3", 2, "healthy", "ok"],
      ["3", "1", 0, "healthy", "ok"],
      ["4", "2", 1, "healthy", "ok"],
      ["5", "3", 2, expect.any(String), expect.not.stringMatching(/^ok$/)],
    ]);
    expect(dep.instances[0]).toMatchObject({ role: "checkout-web", status: "HealthState/healthy", powerState: "running", size: "Standard_D2s_v5" });
    expect(dep.instances.filter((i) => i.protectedFromActions).map((i) => i.name)).toEqual(["3"]);
    const reads = (await s.upstreamRequests()).filter((r) => r.face === "arm");
    expect(reads.find((r) => r.path.endsWith("/virtualMachines"))?.query).toMatchObject({ $expand: "instanceView", "api-version": "2026-04-01" });
  });

  it("one reimage goes out as the batch call naming that instance alone, and is followed to Succeeded", async () => {
    s = await startStack({ arm: true });
    const res = await s.post(`${CHECKOUT}/instances/2/reimage`);
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    const accepted = actionAcceptedSchema.parse(res.body);
    expect(accepted).toMatchObject({ action: "reimage", instances: ["2"] });
    expect((await s.post(`${CHECKOUT}/instances/4/reboot`)).status).toBe(409);
    expect(await finished(s, accepted.operationId)).toMatchObject({ status: "Succeeded", target: CHECKOUT, instances: ["2"] });
    const audit = auditListSchema.parse((await s.get(`/api/audit?target=${encodeURIComponent(CHECKOUT)}`)).body);
    expect(audit[0]).toMatchObject({ action: "reimage", instances: ["2"], outcome: "Succeeded", operationId: accepted.operationId });
    // Reboot is the set's restart, rebuild its reimageall: batch calls as well.
    const reboot = actionAcceptedSchema.parse((await s.post(`${CHECKOUT}/instances/4/reboot`)).body);
    await finished(s, reboot.operationId);
    actionAcceptedSchema.parse((await s.post(`${CHECKOUT}/instances/0/rebuild`)).body);
    expect((await armPosts(s)).map((r) => r.path.split("/").pop())).toEqual(["reimage", "restart", "reimageall"]);
    await expectExplicitBatchPosts(s, [["2"], ["4"], ["0"]]);
  });

  it("a rolling job over two update domains: one batch call per step, naming exactly its instances", async () => {
    s = await startStack({ arm: true });
    const res = await s.post(`${CHECKOUT}/jobs`, { action: "reimage", instances: ["5", "1", "4"], batch: "upgradeDomain", minReadyPercent: 50 });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    const job = jobSchema.parse(res.body);
    expect(job.steps.map((st) => [st.upgradeDomain, st.instances])).toEqual([
      [1, ["1", "4"]],
      [2, ["5"]],
    ]);
    const stack = s;
    let lowest = Infinity;
    const done = await waitFor(
      async () => {
        const dep = deploymentSchema.parse((await stack.get(CHECKOUT)).body);
        lowest = Math.min(lowest, dep.instances.filter((i) => i.tone === "ok").length);
        const j = jobSchema.parse((await stack.get(`${JOBS}/${job.id}`)).body);
        if ((["succeeded", "paused", "failed"] as Job["state"][]).includes(j.state)) return j;
        stack.emu.advance(60_000);
        return undefined;
      },
      "the job to end",
      20_000,
    );
    expect(done.state, done.pausedReason).toBe("succeeded");
    // The floor of 3 of 6 held throughout.
    expect(lowest).toBeGreaterThanOrEqual(3);
    const after = deploymentSchema.parse((await s.get(CHECKOUT)).body);
    expect(after.instances.filter((i) => ["1", "4", "5"].includes(i.name)).every((i) => i.tone === "ok")).toBe(true);
    await expectExplicitBatchPosts(s, [["1", "4"], ["5"]]);
  });

  it("a protected instance, or one that is not in the set, is refused before anything is recorded or sent", async () => {
    s = await startStack({ arm: true });
    const single = await s.post(`${CHECKOUT}/instances/3/reimage`);
    expect(single.status).toBe(409);
    expect(errorOf(single)).toMatchObject({ code: "InstanceProtected", message: expect.stringMatching(/^3 is protected from actions/) as unknown });
    const job = await s.post(`${CHECKOUT}/jobs`, { action: "reboot", instances: ["2", "3"], batch: "instance" });
    expect(job.status).toBe(409);
    expect(errorOf(job).code).toBe("InstanceProtected");
    for (const name of ["6", "abc", "web_1"]) {
      const absent = await s.post(`${CHECKOUT}/instances/${name}/reboot`);
      expect([absent.status, errorOf(absent).code]).toEqual([404, "NotFound"]);
    }
    expect(await armPosts(s)).toEqual([]);
    expect(auditListSchema.parse((await s.get("/api/audit")).body)).toEqual([]);
    // The target was never held: an unprotected instance can be acted on at once.
    expect((await s.post(`${CHECKOUT}/instances/2/reboot`)).status).toBe(202);
    await expectExplicitBatchPosts(s, [["2"]]);
  });
});
