import { afterEach, describe, expect, it } from "vitest";
import { actionPath, DEP, errorOf, startStack, waitFor, type Stack } from "./harness.ts";
import { driveUntil, JOBS, jobNow, posts, startJob } from "./job-helpers.ts";

// What a rolling job tells of each of its instances, and what a single action meets while the job
// holds the target: over real HTTP, against the real emulator on a driven clock.

describe("a rolling job's instances", () => {
  let s: Stack | undefined;
  afterEach(async () => {
    await s?.close();
    s = undefined;
  });

  it("a step tells what was sent to each instance: a failed operation names only the instance it went to", async () => {
    s = await startStack();
    await s.faults({ failNextOperations: 1 });
    const job = await startJob(s, DEP, { action: "reimage", instances: ["WebFrontend_IN_0", "WebFrontend_IN_1", "ApiWorker_IN_0"], batch: "upgradeDomain", minReadyPercent: 25 });
    const first = job.steps[0];
    expect(first?.instances.length).toBe(2);
    const paused = await driveUntil(s, job.id, ["paused"]);
    const sentTo = (await posts(s)).map((r) => r.path.split("/").pop());
    // Classic sends one operation at a time: the first failed, and nothing more left.
    expect(sentTo).toHaveLength(1);
    expect(paused.steps[0]).toMatchObject({ state: "failed", sent: [{ instances: sentTo, status: "Failed" }] });
    expect(paused.steps[1]?.sent).toEqual([]);
  });

  it("a single action meets a running job's hold, then a paused job's operation still running, in words that say what to do", async () => {
    // Each refused try counts against the per-person action limit.
    s = await startStack({ env: { ROLECALL_ACTION_RATE_LIMIT: "1000" } });
    const job = await startJob(s, DEP, { action: "reboot", instances: ["WebFrontend_IN_0", "WebFrontend_IN_1"], batch: "instance", minReadyPercent: 25 });
    const running = errorOf(await s.post(actionPath("ApiWorker_IN_0", "reboot")));
    expect(running.message).toMatch(new RegExp(`^A rolling job \\(${job.id}\\) holds this target: local operator started a reboot of 2 instances at \\S+\\. Pause or cancel the job to act on this target by hand\\.$`));

    const stack = s;
    await waitFor(async () => (await jobNow(stack, job.id)).steps[0]?.sent?.[0]?.status === "InProgress", "the job's first reboot to be running");
    expect((await s.post(`${JOBS}/${job.id}/pause`)).status).toBe(200);
    const paused = await jobNow(s, job.id);
    expect(paused.state).toBe("paused");
    expect(paused.steps[0]?.sent).toEqual([{ instances: ["WebFrontend_IN_0"], status: "InProgress" }]);
    // Pausing does not free the target while its reboot runs: the 409 says so, and to wait.
    const held = await s.post(actionPath("ApiWorker_IN_0", "reboot"));
    expect(held.status).toBe(409);
    expect(errorOf(held)).toMatchObject({
      code: "DeploymentBusy",
      message: `Rolling job ${job.id} is paused, but its reboot of WebFrontend_IN_0 is still running in Azure, and the job holds this target until it ends. Wait for it to end, then try again.`,
      blocking: { jobId: job.id },
    });

    // Once that reboot ends, the paused job lets go and the action goes through.
    await waitFor(async () => {
      stack.emu.advance(60_000);
      return (await jobNow(stack, job.id)).steps[0]?.sent?.[0]?.status === "Succeeded";
    }, "the paused job's reboot to end", 20_000);
    await waitFor(async () => (await stack.post(actionPath("ApiWorker_IN_0", "reboot"))).status === 202, "the target to be free once the paused job's reboot ended");
  });
});
