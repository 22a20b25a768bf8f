import { describe, expect, it } from "vitest";
import type { Job, JobStep } from "../../../shared/api.ts";
import { jobDone } from "../operations/tray-items.ts";
import { jobBusyReason, jobLine, jobProgress, jobStepByInstance } from "./progress.ts";

const T = "/api/subscriptions/7d9c1d9e-3c4b-4f5a-8e2d-1a2b3c4d5e6f/services/contoso-web/deployments/staging";
const step = (index: number, instances: string[], state: JobStep["state"], sent?: JobStep["sent"]): JobStep => ({ index, upgradeDomain: index, instances, state, operationIds: [], sent });
const job = (over: Partial<Job>): Job => ({
  id: "j".repeat(32), target: T, kind: "classic", action: "reimage", state: "running", batch: "upgradeDomain", minReadyPercent: 50, readyTimeoutSec: 900, soakSec: 0,
  steps: [], requestedBy: "Grace", requestedAt: "2025-01-01T10:00:00.000Z", ...over,
});

describe("a job's rows", () => {
  it("tell each instance what the job did to it, not its step's state: a failed step failed only where it sent", () => {
    // Classic sends one operation at a time: the step failed on ApiWorker_IN_0 before reaching WebFrontend_IN_0.
    const failed = job({
      state: "paused",
      steps: [step(0, ["WebFrontend_IN_0", "ApiWorker_IN_0"], "failed", [{ instances: ["ApiWorker_IN_0"], status: "Failed" }]), step(1, ["WebFrontend_IN_1"], "pending", [])],
    });
    expect(Object.fromEntries(jobStepByInstance(failed))).toEqual({
      ApiWorker_IN_0: "Reimage job: step 1 of 2 (failed) · reimage failed",
      WebFrontend_IN_0: "Reimage job: step 1 of 2 (failed) · not sent yet",
      WebFrontend_IN_1: "Reimage job: step 2 of 2 (pending) · not sent yet",
    });
  });

  it("in a running step, say which instances are done, which one is in progress, and which are not sent yet", () => {
    const running = job({
      action: "reboot",
      steps: [
        step(0, ["W_0", "W_1", "W_2", "W_3"], "running", [
          { instances: ["W_0"], status: "Succeeded" },
          { instances: ["W_1"], status: "Unknown" },
          { instances: ["W_2"], status: "InProgress" },
        ]),
      ],
    });
    expect(Object.fromEntries(jobStepByInstance(running))).toEqual({
      W_0: "Reboot job: step 1 of 1 (running) · reboot done",
      W_1: "Reboot job: step 1 of 1 (running) · reboot may have started (unconfirmed)",
      W_2: "Reboot job: step 1 of 1 (running) · reboot in progress",
      W_3: "Reboot job: step 1 of 1 (running) · not sent yet",
    });
  });

  it("tell an instance's latest send (resent after a failure); from a proxy that does not say what it sent, the step's state", () => {
    const resent = job({ steps: [step(0, ["W_0"], "running", [{ instances: ["W_0"], status: "Failed" }, { instances: ["W_0"], status: "InProgress" }])] });
    expect(jobStepByInstance(resent).get("W_0")).toBe("Reimage job: step 1 of 1 (running) · reimage in progress");
    expect(jobStepByInstance(job({ steps: [step(0, ["W_0"], "verifying")] })).get("W_0")).toBe("Reimage job: step 1 of 1 · verifying");
  });
});

describe("a job's progress", () => {
  it("counts an instance done once its own operation succeeded, while its step still runs; steps count whole", () => {
    const names = Array.from({ length: 200 }, (_, i) => `W_${i}`);
    const big = job({
      steps: [
        step(0, ["A_0", "A_1"], "succeeded", [{ instances: ["A_0", "A_1"], status: "Succeeded" }]),
        step(1, names, "running", [
          { instances: ["W_0"], status: "Succeeded" },
          { instances: ["W_1"], status: "Failed" },
          { instances: ["W_1"], status: "Succeeded" },
          { instances: ["W_2"], status: "Succeeded" },
          { instances: ["W_3"], status: "InProgress" },
        ]),
        step(2, ["B_0"], "pending", []),
      ],
    });
    expect(jobProgress(big)).toMatchObject({ stepsDone: 1, steps: 3, instancesDone: 5, instances: 203 });
    // The tray counts the same.
    expect(jobDone(big)).toEqual({ steps: 1, instances: 5, allInstances: 203 });
  });
});

describe("whether a job keeps single actions off", () => {
  const sentStep = (status: "InProgress" | "Succeeded") => [step(0, ["WebFrontend_IN_0", "ApiWorker_IN_0"], "running", [{ instances: ["ApiWorker_IN_0"], status }])];

  it("a paused job does while its operation still runs, naming it (the proxy refuses actions until it ends); a running one always", () => {
    expect(jobBusyReason(job({ state: "paused", steps: sentStep("InProgress") }))).toBe(
      "The paused job's reimage of ApiWorker_IN_0 is still running in Azure; actions are available once it ends.",
    );
    expect(jobBusyReason(job({ state: "cancelled", steps: sentStep("InProgress") }))).toMatch(/^The cancelled job's reimage of ApiWorker_IN_0 is still running/);
    expect(jobBusyReason(job({ state: "paused", steps: sentStep("Succeeded") }))).toBeNull();
    expect(jobBusyReason(job({ state: "running", steps: sentStep("Succeeded") }))).toMatch(/^Actions are unavailable while the reimage job started by Grace runs/);
  });
});

describe("the job's line in the summary", () => {
  it("writes its time as the rest of the summary does, and its requester as it is quoted", () => {
    const line = jobLine(job({ steps: [step(0, ["W_0"], "succeeded", [{ instances: ["W_0"], status: "Succeeded" }])], state: "succeeded" }), (name) => `[${name}]`);
    expect(line).toBe("Reimage job by upgrade domain, floor 50%: succeeded, 1 of 1 steps and 1 of 1 instances done; requested by [Grace] at 2025-01-01 10:00:00 UTC");
  });
});
