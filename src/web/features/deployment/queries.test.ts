import { describe, expect, it } from "vitest";
import { deploymentSchema, type Deployment, type Instance } from "../../../shared/api.ts";
import { statusTone } from "../../../shared/status-catalog.ts";
import { isActive } from "./queries.ts";

const instance = (name: string, status: string): Instance => ({ name, role: "W", status, tone: statusTone(status), powerState: "Started", upgradeDomain: 0, faultDomain: 0, size: "Small" });
const deployment = (over: Partial<Deployment>): Deployment =>
  deploymentSchema.parse({ kind: "classic", label: "d", upgradeDomainCount: 1, name: "d", slot: "production", status: "Running", roles: [], instances: [instance("W_0", "ReadyRole")], inFlight: [], fetchedAt: "2025-01-01T00:00:00Z", ...over });
const job = (state: "running" | "paused") => ({ id: "j".repeat(32), state, action: "reboot" as const, requestedBy: "Ada", requestedAt: "2025-01-01T00:00:00Z", stepsDone: 0, steps: 2 });

describe("when the target's page polls fast (DESIGN §4: while an operation or job is in flight)", () => {
  it("fast while a job runs, even with every instance still Ready; slow when it is paused and all is steady", () => {
    expect(isActive(deployment({}))).toBe(false);
    expect(isActive(deployment({ job: job("running") }))).toBe(true);
    expect(isActive(deployment({ job: job("paused") }))).toBe(false);
  });

  it("fast while an instance is on its way somewhere; a steadily failed instance is steady", () => {
    expect(isActive(deployment({ instances: [instance("W_0", "StoppingRole")] }))).toBe(true);
    expect(isActive(deployment({ instances: [instance("W_0", "UnresponsiveRole")] }))).toBe(false);
  });
});
