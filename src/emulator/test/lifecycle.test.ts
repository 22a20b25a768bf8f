import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startEmulator, type EmulatorHandle } from "../index.ts";
import { action, control, getDeployment, instanceByName, MINUTE, operationStatus, startManual, value } from "./helpers.ts";

const STEP = 5_000;

interface Sample {
  status: string;
  power: string;
  op: string;
  deployment: string;
  errorCode: string;
  details: string;
  at: number;
}

/** Starts an action and samples the instance, deployment and operation every 5 s of emulated time until it settles. */
async function trace(emu: EmulatorHandle, comp: string, service = "contoso-web", instance = "WebFrontend_IN_1"): Promise<Sample[]> {
  const res = await action(emu, service, "production", instance, comp, comp === "rebuild" ? "&resources=allLocalDrives" : "");
  expect(res.status).toBe(202);
  const id = res.headers.get("x-ms-request-id") ?? "";
  const samples: Sample[] = [];
  for (let at = 0; at <= 30 * MINUTE; at += STEP) {
    const dep = await getDeployment(emu, service, "production");
    const inst = instanceByName(dep, instance);
    const sample: Sample = {
      status: value(inst, "InstanceStatus"),
      power: value(inst, "PowerState"),
      op: value(await operationStatus(emu, id), "Status"),
      deployment: value(dep, "Status"),
      errorCode: value(inst, "InstanceErrorCode"),
      details: value(inst, "InstanceStateDetails"),
      at,
    };
    samples.push(sample);
    if (sample.op !== "InProgress" && (sample.status === "ReadyRole" || sample.status === "FailedStartingRole")) break;
    emu.advance(STEP);
  }
  return samples;
}

/** Consecutive duplicates removed. */
function sequence<T>(values: T[]): T[] {
  return values.filter((v, i) => i === 0 || JSON.stringify(v) !== JSON.stringify(values[i - 1]));
}

const stop = ["StoppingRole", "StoppingVM", "StoppedVM"];
const expected: Record<string, string[]> = {
  reboot: [...stop, "StartingVM", "StartingRole", "BusyRole", "ReadyRole"],
  reimage: [...stop, "CreatingVM", "StartingVM", "CreatingRole", "StartingRole", "BusyRole", "ReadyRole"],
  rebuild: [...stop, "CreatingVM", "StartingVM", "CreatingRole", "StartingRole", "BusyRole", "ReadyRole"],
};
const powerOf: Record<string, string> = {
  StoppingRole: "Stopping", StoppingVM: "Stopping", StoppedVM: "Stopped", CreatingVM: "Starting", StartingVM: "Starting",
  CreatingRole: "Started", StartingRole: "Started", BusyRole: "Started", ReadyRole: "Started",
};

let emu: EmulatorHandle;
beforeAll(async () => {
  emu = await startManual();
});
afterAll(() => emu.close());

describe.each([
  ["reboot", 4],
  ["reimage", 12],
  ["rebuild", 15],
])("%s over time", (comp, minutes) => {
  // One trace per action, read by both tests below.
  let samples: Sample[];
  beforeAll(async () => {
    emu.reset();
    samples = await trace(emu, comp);
  });

  it(`goes through every documented status, PowerState following, ReadyRole after about ${minutes} minutes`, () => {
    expect(sequence(samples.map((s) => s.status))).toEqual(expected[comp]);
    for (const s of samples) expect([s.status, s.power]).toEqual([s.status, powerOf[s.status]]);
    expect(sequence(samples.map((s) => s.power))).toEqual(["Stopping", "Stopped", "Starting", "Started"]);
    const readyAt = samples.find((s) => s.status === "ReadyRole")?.at ?? Infinity;
    expect(readyAt).toBeGreaterThanOrEqual(minutes * MINUTE);
    expect(readyAt).toBeLessThanOrEqual(minutes * MINUTE + STEP);
  });

  it("the operation Succeeds when the role is starting, before the instance is ReadyRole; the deployment transitions meanwhile", () => {
    const firstDone = samples.find((s) => s.op !== "InProgress");
    expect(firstDone?.op).toBe("Succeeded");
    expect(firstDone?.status).toBe("StartingRole");
    for (const s of samples) expect(s.deployment).toBe(s.op === "InProgress" ? "RunningTransitioning" : "Running");
    expect(samples.at(-1)?.status).toBe("ReadyRole");
  });
});

describe("failures", () => {
  beforeEach(() => emu.reset());

  it("a failed operation ends Failed and the instance comes back to ReadyRole", async () => {
    await control(emu, "POST", "faults", { failNextOperations: 1 });
    const samples = await trace(emu, "reimage");
    expect(samples.at(-1)).toMatchObject({ op: "Failed", status: "ReadyRole", deployment: "Running" });
    const firstDone = samples.find((s) => s.op !== "InProgress");
    expect(firstDone?.status).not.toBe("ReadyRole");
    // The reimage never got to create a fresh VM.
    expect(samples.map((s) => s.status)).not.toContain("CreatingVM");
  });

  it("a failed start leaves the instance FailedStartingRole with error details while the operation Succeeded", async () => {
    await control(emu, "POST", "faults", { failNextInstances: 1 });
    const samples = await trace(emu, "reboot");
    const last = samples.at(-1);
    expect(last).toMatchObject({ op: "Succeeded", status: "FailedStartingRole", power: "Started" });
    expect(last?.errorCode).not.toBe("");
    expect(last?.details).not.toBe("");
    // Stays failed, and a later reboot brings it back.
    emu.advance(60 * MINUTE);
    const dep = await getDeployment(emu, "contoso-web", "production");
    expect(value(instanceByName(dep, "WebFrontend_IN_1"), "InstanceStatus")).toBe("FailedStartingRole");
    expect((await trace(emu, "reboot")).at(-1)).toMatchObject({ status: "ReadyRole", errorCode: "", details: "" });
  });

  it("the unhealthy demo instance recovers with a reboot", async () => {
    const samples = await trace(emu, "reboot", "contoso-web", "ApiWorker_IN_2");
    expect(samples[0]?.status).toBe("StoppingRole");
    expect(samples.at(-1)?.status).toBe("ReadyRole");
  });

  it("seeded failures are deterministic: the same seed fails the same actions", async () => {
    async function outcomes(seed: number): Promise<string[]> {
      const e = await startEmulator({ port: 0, clock: "manual", seed, failureRate: 0.5 });
      try {
        const out: string[] = [];
        for (let i = 0; i < 12; i++) {
          const res = await action(e, "fabrikam-jobs", "production", `JobRunner_IN_${i % 3}`, "reboot");
          const id = res.headers.get("x-ms-request-id") ?? "";
          e.advance(30 * MINUTE);
          const inst = instanceByName(await getDeployment(e, "fabrikam-jobs", "production"), `JobRunner_IN_${i % 3}`);
          out.push(`${value(await operationStatus(e, id), "Status")}/${value(inst, "InstanceStatus")}`);
        }
        return out;
      } finally {
        await e.close();
      }
    }
    const a = await outcomes(7);
    expect(await outcomes(7)).toEqual(a);
    expect(a).toContain("Failed/ReadyRole");
    expect(a).toContain("Succeeded/FailedStartingRole");
    expect(a).toContain("Succeeded/ReadyRole");
    expect(await outcomes(8)).not.toEqual(a);
  });

  it("with failureRate 0 (the programmatic default) nothing fails", async () => {
    for (let i = 0; i < 10; i++) {
      const res = await action(emu, "fabrikam-jobs", "production", "JobRunner_IN_0", "reimage");
      emu.advance(30 * MINUTE);
      expect(value(await operationStatus(emu, res.headers.get("x-ms-request-id") ?? ""), "Status")).toBe("Succeeded");
      expect(value(instanceByName(await getDeployment(emu, "fabrikam-jobs", "production"), "JobRunner_IN_0"), "InstanceStatus")).toBe("ReadyRole");
    }
  });
});

describe("speed", () => {
  it("divides durations: at speed 60 a reboot takes 4 seconds", async () => {
    const fast = await startEmulator({ port: 0, clock: "manual", speed: 60 });
    try {
      await action(fast, "contoso-web", "production", "WebFrontend_IN_0", "reboot");
      fast.advance(3_900);
      expect(value(instanceByName(await getDeployment(fast, "contoso-web", "production"), "WebFrontend_IN_0"), "InstanceStatus")).toBe("BusyRole");
      fast.advance(100);
      expect(value(instanceByName(await getDeployment(fast, "contoso-web", "production"), "WebFrontend_IN_0"), "InstanceStatus")).toBe("ReadyRole");
    } finally {
      await fast.close();
    }
  });
});
