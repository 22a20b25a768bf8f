import { afterEach, describe, expect, it } from "vitest";
import { auditListSchema, deploymentSchema, jobListSchema, jobSchema } from "../../shared/api.ts";
import type { Authenticator } from "../auth/types.ts";
import { join } from "node:path";
import { openJobStore } from "../jobs/store.ts";
import { startProxy } from "../main.ts";
import { DEP, errorOf, SHOP, startStack, waitFor, type Stack } from "./harness.ts";
import { driveUntil, JOBS, jobNow, posts, startJob } from "./job-helpers.ts";

// Rolling jobs against the real emulator on a driven clock: the runner polls on real (short) timers,
// the test moves the emulator's time on until the job ends.

describe("rolling jobs", () => {
  let s: Stack | undefined;
  afterEach(async () => {
    await s?.close();
    s = undefined;
  });

  it("classic, by upgrade domain: one operation at a time, the floor kept, every step verified, the audit tells it", async () => {
    s = await startStack();
    const job = await startJob(s, DEP, { action: "reboot", instances: ["WebFrontend_IN_0", "WebFrontend_IN_1", "WebFrontend_IN_2"], batch: "upgradeDomain", minReadyPercent: 50, reason: "INC-42" });
    expect(job.steps.map((st) => st.instances)).toEqual([["WebFrontend_IN_0"], ["WebFrontend_IN_1"], ["WebFrontend_IN_2"]]);
    // A single action meets the job's hold.
    const single = await s.post(`${DEP}/instances/ApiWorker_IN_0/reboot`);
    expect(single.status).toBe(409);
    expect(errorOf(single).blocking?.jobId).toBe(job.id);

    let lowest = Infinity;
    const stack = s;
    const done = await driveUntil(s, job.id, ["succeeded", "paused", "failed"], async () => {
      const dep = deploymentSchema.parse((await stack.get(DEP)).body);
      lowest = Math.min(lowest, dep.instances.filter((i) => i.role === "WebFrontend" && i.tone === "ok").length);
    });
    expect(done.state).toBe("succeeded");
    expect(done.steps.every((st) => st.state === "succeeded" && st.operationIds.length === 1)).toBe(true);
    // Never below the floor (2 of 4), as read from the deployment, not from the job's own view.
    expect(lowest).toBeGreaterThanOrEqual(2);
    expect((await posts(s)).map((r) => r.path.split("/").pop())).toEqual(["WebFrontend_IN_0", "WebFrontend_IN_1", "WebFrontend_IN_2"]);
    // The audit tells the whole job, oldest last: started, each step's action with its outcome, finished.
    const audit = auditListSchema.parse((await s.get(`/api/audit?target=${encodeURIComponent(DEP)}`)).body).filter((e) => e.jobId === job.id);
    expect(audit.map((e) => [e.jobEvent ?? e.instances.join(), e.outcome, e.actor]).reverse()).toEqual([
      ["started", "accepted", "local operator"],
      ["WebFrontend_IN_0", "Succeeded", "local operator"],
      ["WebFrontend_IN_1", "Succeeded", "local operator"],
      ["WebFrontend_IN_2", "Succeeded", "local operator"],
      ["succeeded", "Succeeded", "Rolecall"],
    ]);
    expect(audit.at(-1)?.instances).toEqual(["WebFrontend_IN_0", "WebFrontend_IN_1", "WebFrontend_IN_2"]);
    // Each of the job's rows, its events and its steps' actions, carries the job's reason.
    expect(audit.map((e) => e.reason)).toEqual(audit.map(() => "INC-42"));
    // The target is free again.
    expect((await s.post(`${DEP}/instances/ApiWorker_IN_0/reboot`)).status).toBe(202);
  });

  it("extended: a step's instances go out in one batch call naming exactly them", async () => {
    s = await startStack({ arm: true });
    const dep = deploymentSchema.parse((await s.get(SHOP)).body);
    const ud0 = dep.instances.filter((i) => i.role === "WorkerRole" && i.upgradeDomain === 0).map((i) => i.name);
    expect(ud0.length).toBeGreaterThan(1);
    const job = await startJob(s, SHOP, { action: "reimage", instances: ud0, batch: "upgradeDomain", minReadyPercent: 20 });
    const done = await driveUntil(s, job.id, ["succeeded", "paused"]);
    expect(done.state).toBe("succeeded");
    const sent = (await posts(s)).filter((r) => r.face === "arm");
    expect(sent.map((r) => r.path)).toEqual([expect.stringMatching(/\/cloudServices\/contoso-shop\/reimage$/)]);
  });

  it("the guard waits for readiness, then pauses with the reason and frees the target", async () => {
    s = await startStack();
    // ApiWorker: 2 of 3 ready; 100% would need 3 ready while one is out.
    const job = await startJob(s, DEP, { action: "reboot", instances: ["ApiWorker_IN_0"], batch: "instance", minReadyPercent: 100, readyTimeoutSec: 1 });
    const paused = await waitFor(async () => {
      const j = await jobNow(s as Stack, job.id);
      return j.state === "paused" ? j : undefined;
    }, "the job to pause");
    expect(paused.pausedReason).toMatch(/ApiWorker would have 1 ready, below its floor of 3 of 3.*after 1 s/);
    expect(await posts(s)).toEqual([]);
    // Whoever opens the target sees the paused job and why, without looking for it.
    const dep = deploymentSchema.parse((await s.get(DEP)).body);
    expect(dep.job).toEqual({ id: job.id, state: "paused", action: "reboot", requestedBy: "local operator", requestedAt: job.requestedAt, stepsDone: 0, steps: 1, pausedReason: paused.pausedReason });
    // The job list by target: this target's jobs only; another target's list is empty.
    const stack = s;
    const listed = async (target: string) => jobListSchema.parse((await stack.get(`${JOBS}?target=${encodeURIComponent(target)}`)).body).map((j) => j.id);
    expect(await listed(DEP.replace("contoso-web", "Contoso-Web"))).toEqual([job.id]);
    expect(await listed(DEP.replace("production", "staging"))).toEqual([]);
    const foreign = await s.get(`${JOBS}?target=${encodeURIComponent("/api/subscriptions/00000000-0000-0000-0000-000000000000/services/x/deployments/staging")}`);
    expect(errorOf(foreign).code).toBe("InvalidQuery");
    expect(errorOf(foreign).message).toMatch(/"target" must be the \/api path of a target in subscription/);
    // Paused frees the target for a person's own action.
    expect((await s.post(`${DEP}/instances/ApiWorker_IN_2/reboot`)).status).toBe(202);
  });

  it("a failed operation pauses the job (nothing skipped); resume tries that step again", async () => {
    s = await startStack();
    await s.faults({ failNextOperations: 1 });
    const job = await startJob(s, DEP, { action: "reimage", instances: ["WebFrontend_IN_0", "WebFrontend_IN_1"], batch: "instance", minReadyPercent: 25 });
    const paused = await driveUntil(s, job.id, ["paused"]);
    expect(paused.steps[0]).toMatchObject({ state: "failed" });
    expect(paused.pausedReason).toMatch(/failed/);
    expect(paused.steps[1]?.state).toBe("pending");
    const resumed = await s.post(`${JOBS}/${job.id}/resume`);
    expect(resumed.status).toBe(200);
    const done = await driveUntil(s, job.id, ["succeeded", "paused"]);
    expect(done.state).toBe("succeeded");
    expect(done.steps[0]?.operationIds).toHaveLength(2);
    expect(done.events?.map((e) => [e.actor, e.what])).toEqual([["local operator", "started"], ["Rolecall", "paused"], ["local operator", "resumed"], ["Rolecall", "succeeded"]]);
    // Rolecall's own pause is in the audit with its reason; an instance's history shows the job.
    const history = auditListSchema.parse((await s.get(`/api/audit?target=${encodeURIComponent(DEP)}&instance=WebFrontend_IN_1`)).body);
    const pause = history.find((e) => e.jobEvent === "paused");
    expect(pause).toMatchObject({ actor: "Rolecall", jobId: job.id, error: { message: paused.pausedReason } });
  });

  it("soak: after a step is verified, the next waits soakSec of real time (emulated time does not shorten it) and the job says so", async () => {
    s = await startStack();
    const job = await startJob(s, DEP, { action: "reboot", instances: ["WebFrontend_IN_0", "WebFrontend_IN_1"], batch: "instance", minReadyPercent: 25, soakSec: 3 });
    expect(job.soakSec).toBe(3);
    const stack = s;
    const soaking = await waitFor(
      async () => {
        const j = await jobNow(stack, job.id);
        if (j.waitingFor?.startsWith("Soaking after step 1")) return j;
        stack.emu.advance(60_000);
        return undefined;
      },
      "the job to soak after its first step",
      20_000,
    );
    expect(soaking.steps[0]?.state).toBe("succeeded");
    const until = Date.parse(/until (\S+)\.$/.exec(soaking.waitingFor ?? "")?.[1] ?? "");
    expect(until).toBeGreaterThan(Date.now());
    // Until the soak ends nothing more is sent, however far the emulator's clock moves on.
    while (Date.now() < until - 500) {
      stack.emu.advance(60_000);
      expect((await posts(stack)).map((r) => r.path.split("/").pop())).toEqual(["WebFrontend_IN_0"]);
      await new Promise((r) => setTimeout(r, 100));
    }
    const done = await driveUntil(s, job.id, ["succeeded", "paused", "failed"]);
    expect(done.state).toBe("succeeded");
    expect((await posts(s)).map((r) => r.path.split("/").pop())).toEqual(["WebFrontend_IN_0", "WebFrontend_IN_1"]);
    expect(Date.parse(done.steps[1]?.startedAt ?? "")).toBeGreaterThanOrEqual(until);
  });

  it("cancel: what was sent runs to its end, nothing new is sent", async () => {
    s = await startStack();
    const job = await startJob(s, DEP, { action: "reboot", instances: ["WebFrontend_IN_0", "WebFrontend_IN_1"], batch: "instance", minReadyPercent: 25 });
    await waitFor(async () => (await posts(s as Stack)).length === 1, "the first action to leave");
    const cancelled = jobSchema.parse((await s.post(`${JOBS}/${job.id}/cancel`)).body);
    expect(cancelled.state).toBe("cancelled");
    for (let i = 0; i < 10; i++) s.emu.advance(60_000);
    const audit = await waitFor(async () => {
      const rows = (await (s as Stack).get(`/api/audit?target=${encodeURIComponent(DEP)}`)).body as { jobId?: string; outcome: string }[];
      return rows.find((r) => r.jobId === job.id && r.outcome === "Succeeded");
    }, "the sent action's outcome in the audit");
    expect(audit).toBeTruthy();
    expect(await posts(s)).toHaveLength(1);
    expect((await s.post(`${JOBS}/${job.id}/resume`)).status).toBe(409);
    const events = auditListSchema.parse((await s.get(`/api/audit?target=${encodeURIComponent(DEP)}`)).body).flatMap((e) => (e.jobEvent ? [e.jobEvent] : []));
    expect(events).toEqual(["cancelled", "started"]);
  });

  it("a second pause, resume or cancel (a double click, a retry) gets the job back unchanged, not an error", async () => {
    s = await startStack();
    const job = await startJob(s, DEP, { action: "reboot", instances: ["WebFrontend_IN_0", "WebFrontend_IN_1"], batch: "instance", minReadyPercent: 25 });
    for (const [what, state] of [["pause", "paused"], ["pause", "paused"], ["resume", "running"], ["resume", "running"], ["cancel", "cancelled"], ["cancel", "cancelled"]] as const) {
      const res = await s.post(`${JOBS}/${job.id}/${what}`);
      expect([what, res.status, jobSchema.parse(res.body).state]).toEqual([what, 200, state]);
    }
    // Each change is told once.
    expect((await jobNow(s, job.id)).events?.map((e) => e.what)).toEqual(["started", "paused", "resumed", "cancelled"]);
    // An ended job still refuses a change of course.
    expect(errorOf(await s.post(`${JOBS}/${job.id}/resume`)).code).toBe("JobFinished");
  });

  it("an operation that fails while its job is paused fails its step there and then, before anyone resumes", async () => {
    s = await startStack();
    const stack = s;
    await s.faults({ failNextOperations: 1 });
    const job = await startJob(s, DEP, { action: "reimage", instances: ["WebFrontend_IN_0", "WebFrontend_IN_1"], batch: "instance", minReadyPercent: 25 });
    await waitFor(async () => (await posts(stack)).length === 1, "the first action to leave");
    expect((await s.post(`${JOBS}/${job.id}/pause`)).status).toBe(200);
    const paused = await waitFor(async () => {
      const j = await jobNow(stack, job.id);
      if (j.steps[0]?.state === "failed") return j;
      stack.emu.advance(60_000);
      return undefined;
    }, "the paused job's step to fail");
    expect(paused.state).toBe("paused");
    expect(paused.pausedReason).toMatch(/^Paused by local operator\. While it was paused, step 1: reimage of WebFrontend_IN_0 failed: .* resuming sends the reimage again to WebFrontend_IN_0, or cancel\.$/);
    // Resuming sends it again, as it says, and the job goes on to the end without pausing again.
    expect((await s.post(`${JOBS}/${job.id}/resume`)).status).toBe(200);
    const done = await driveUntil(s, job.id, ["succeeded", "paused"]);
    expect(done.state).toBe("succeeded");
    expect((await posts(s)).map((r) => r.path.split("/").pop())).toEqual(["WebFrontend_IN_0", "WebFrontend_IN_0", "WebFrontend_IN_1"]);
  });

  it("a pause during a slow read takes effect before anything is sent", async () => {
    s = await startStack();
    await s.faults({ latencyMs: 400, match: { method: "GET" } });
    const job = await startJob(s, DEP, { action: "reboot", instances: ["WebFrontend_IN_0"], batch: "instance", minReadyPercent: 25 });
    const paused = jobSchema.parse((await s.post(`${JOBS}/${job.id}/pause`)).body);
    expect(paused.state).toBe("paused");
    await s.faults({ latencyMs: 0, match: { method: "GET" } });
    s.emu.advance(60_000);
    // A later read of the job still says paused, and nothing reached Azure.
    await waitFor(async () => (await jobNow(s as Stack, job.id)).state === "paused", "the job to stay paused");
    expect(await posts(s)).toEqual([]);
  });

  it("resuming guards the step again on fresh statuses: what changed while paused counts", async () => {
    s = await startStack();
    const stack = s;
    // Paused while its first read is slow: the step may already have passed its guard.
    await s.faults({ latencyMs: 400, match: { method: "GET" } });
    const job = await startJob(s, DEP, { action: "reboot", instances: ["WebFrontend_IN_0"], batch: "instance", minReadyPercent: 75 });
    await s.post(`${JOBS}/${job.id}/pause`);
    await s.faults({ latencyMs: 0, match: { method: "GET" } });
    await waitFor(async () => (await jobNow(stack, job.id)).state === "paused", "the job to be paused");
    // Meanwhile a person's reboot of WebFrontend_IN_1 leaves it failed: 3 of 4 ready, floor 3.
    await s.faults({ failNextInstances: 1 });
    expect((await s.post(`${DEP}/instances/WebFrontend_IN_1/reboot`)).status).toBe(202);
    await waitFor(async () => {
      stack.emu.advance(60_000);
      const dep = deploymentSchema.parse((await stack.get(DEP)).body);
      return dep.inFlight.length === 0 && dep.instances.find((i) => i.name === "WebFrontend_IN_1")?.tone === "failed";
    }, "the person's reboot to end with the instance failed");
    const before = (await posts(s)).length;
    expect((await s.post(`${JOBS}/${job.id}/resume`)).status).toBe(200);
    const waiting = await waitFor(async () => {
      const j = await jobNow(stack, job.id);
      return j.waitingFor ? j : undefined;
    }, "the resumed job to wait for readiness");
    expect(waiting.waitingFor).toMatch(/WebFrontend would have 2 ready, below its floor of 3 of 4/);
    expect(await posts(s)).toHaveLength(before);
  });

  it("a double POST of the same job gets the same job back; one job, one send per instance", async () => {
    s = await startStack();
    const body = { action: "reboot", instances: ["WebFrontend_IN_0"], batch: "instance", minReadyPercent: 25 };
    const [a, b] = await Promise.all([s.post(`${DEP}/jobs`, body), s.post(`${DEP}/jobs`, body)]);
    const ids = [a, b].filter((r) => r.status === 202).map((r) => jobSchema.parse(r.body).id);
    expect(ids.length).toBeGreaterThan(0);
    expect(new Set(ids).size).toBe(1);
    const done = await driveUntil(s, ids[0] ?? "", ["succeeded", "paused"]);
    expect(done.state).toBe("succeeded");
    expect(await posts(s)).toHaveLength(1);
  });

  it("an action whose outcome is unknown (a timeout) is never sent again: resume goes on by checking readiness", async () => {
    s = await startStack({ env: { ROLECALL_UPSTREAM_TIMEOUT_MS: "150" } });
    await s.faults({ latencyMs: 1000, match: { method: "POST" } });
    const job = await startJob(s, DEP, { action: "reboot", instances: ["WebFrontend_IN_0"], batch: "instance", minReadyPercent: 25 });
    const paused = await waitFor(async () => {
      const j = await jobNow(s as Stack, job.id);
      return j.state === "paused" ? j : undefined;
    }, "the job to pause");
    expect(paused.pausedReason).toMatch(/may have started.*resuming will not send it again/);
    await s.faults({ latencyMs: 0, match: { method: "POST" } });
    expect((await s.post(`${JOBS}/${job.id}/resume`)).status).toBe(200);
    const done = await driveUntil(s, job.id, ["succeeded", "paused"]);
    expect(done.state).toBe("succeeded");
    expect(await posts(s)).toHaveLength(1);
  });

  it("after a crash between the send and saving its answer, the job follows the operation the audit names", async () => {
    s = await startStack();
    const job = await startJob(s, DEP, { action: "reboot", instances: ["WebFrontend_IN_0"], batch: "instance", minReadyPercent: 25 });
    await waitFor(async () => (await jobNow(s as Stack, job.id)).steps[0]?.operationIds.length === 1, "the action to be accepted");
    await s.stopProxy();
    // Put the job back as a crash would have left it: the send written down, its answer not saved.
    const store = openJobStore(join(s.dataDir, "jobs.sqlite"));
    const stored = store.get(job.id);
    const step = stored?.steps[0];
    const op = step?.operations[0];
    if (!stored || !step || !op) throw new Error("job not stored as expected");
    step.sending = { auditId: op.auditId, instances: op.instances };
    step.operations = [];
    step.operationIds = [];
    store.save(stored);
    store.close();
    const again = await startProxy(s.env);
    try {
      const done = await waitFor(async () => {
        const j = jobSchema.parse(await (await fetch(`${again.url}${JOBS}/${job.id}`)).json());
        if (j.state !== "running") return j;
        (s as Stack).emu.advance(60_000);
        return undefined;
      }, "the job to end", 20_000);
      expect(done.state).toBe("succeeded");
      expect(done.steps[0]?.operationIds).toEqual([op.id]);
      expect(await posts(s)).toHaveLength(1);
    } finally {
      await again.close();
    }
  });

  it("refuses what must never leave: an empty list, a wildcard, unknown or repeated names, a reader", async () => {
    s = await startStack();
    for (const instances of [[], ["*"], ["Nope_IN_9"], ["WebFrontend_IN_0", "webfrontend_in_0"]]) {
      const res = await s.post(`${DEP}/jobs`, { action: "reimage", instances, batch: "instance" });
      expect(res.status, JSON.stringify(instances)).toBe(400);
      expect(errorOf(res).code).toMatch(/InvalidBody|InvalidName/);
    }
    expect((await s.post(`${DEP}/jobs`, { action: "reimage", instances: ["WebFrontend_IN_0"], batch: "everything" })).status).toBe(400);
    expect(await posts(s)).toEqual([]);
    await s.close();
    const reader: Authenticator = { mode: "test", authenticate: () => Promise.resolve({ name: "Rita", id: "rita", roles: ["reader"] }) };
    s = await startStack({ authenticator: reader });
    const res = await s.post(`${DEP}/jobs`, { action: "reimage", instances: ["WebFrontend_IN_0"], batch: "instance" });
    expect(errorOf(res).code).toBe("NotAnOperator");
  });

  it("a job out of bounds, or with a field it does not have, is refused with what is wrong", async () => {
    s = await startStack();
    const job = { action: "reboot", instances: ["WebFrontend_IN_0"], batch: "instance" };
    const tooHigh = await s.post(`${DEP}/jobs`, { ...job, minReadyPercent: 150 });
    expect(tooHigh.status).toBe(400);
    expect(errorOf(tooHigh)).toMatchObject({ code: "InvalidBody", message: expect.stringMatching(/minReadyPercent .*<=\s?100/) as unknown });
    const unknown = await s.post(`${DEP}/jobs`, { ...job, minReady: 50 });
    expect(unknown.status).toBe(400);
    expect(errorOf(unknown)).toMatchObject({ code: "InvalidBody", message: expect.stringContaining('"minReady"') as unknown });
    expect(await posts(s)).toEqual([]);
  });

  it("a restart mid-job goes on where it was and sends nothing twice", async () => {
    s = await startStack();
    const job = await startJob(s, DEP, { action: "reboot", instances: ["WebFrontend_IN_0", "WebFrontend_IN_1"], batch: "instance", minReadyPercent: 25 });
    await waitFor(async () => (await posts(s as Stack)).length === 1, "the first action to leave");
    await s.stopProxy();
    const again = await startProxy(s.env);
    try {
      const read = async () => jobSchema.parse(await (await fetch(`${again.url}${JOBS}/${job.id}`)).json());
      const done = await waitFor(async () => {
        const j = await read();
        if (j.state !== "running") return j;
        (s as Stack).emu.advance(60_000);
        return undefined;
      }, "the resumed job to end", 20_000);
      expect(done.state).toBe("succeeded");
      expect((await posts(s)).map((r) => r.path.split("/").pop())).toEqual(["WebFrontend_IN_0", "WebFrontend_IN_1"]);
    } finally {
      await again.close();
    }
  });
});
