import { describe, expect, it } from "vitest";
import type { Job, Operation } from "../../../shared/api.ts";
import { jobDone, trayItems } from "./tray-items.ts";

const op = (id: string, at: string, status: Operation["status"] = "Succeeded"): Operation => ({ id, status, action: "reimage", instances: ["W_0"], requestedBy: "Ada", requestedAt: at });
const job: Job = {
  id: "j1", target: "/api/t", kind: "classic", action: "reboot", state: "succeeded", batch: "upgradeDomain", minReadyPercent: 50, readyTimeoutSec: 900, soakSec: 0,
  steps: [
    { index: 0, instances: ["A", "B"], state: "succeeded", operationIds: ["s1"] },
    { index: 1, instances: ["C"], state: "failed", operationIds: ["s2"] },
  ],
  requestedBy: "Grace", requestedAt: "2025-01-01T10:05:00Z",
};

describe("the tray's entries", () => {
  it("lists operations and jobs newest first, a job's own operations folded into it, running ones on top", () => {
    const items = trayItems([op("s1", "2025-01-01T10:06:00Z"), op("a", "2025-01-01T10:10:00Z"), op("b", "2025-01-01T10:00:00Z"), op("r", "2025-01-01T09:00:00Z", "InProgress")], [job]);
    expect(items.map((i) => (i.kind === "job" ? `job ${i.job.id}` : i.op.id))).toEqual(["r", "a", "job j1", "b"]);
  });

  it("counts a job's steps and instances done", () => {
    expect(jobDone(job)).toEqual({ steps: 1, instances: 2, allInstances: 3 });
  });
});
