import { expect } from "vitest";
import { jobSchema, type Job } from "../../shared/api.ts";
import { SUB, waitFor, type Stack } from "./harness.ts";

// Rolling jobs against the real emulator on a driven clock: the runner polls on real (short) timers,
// the tests move the emulator's time on until the job ends.

export const JOBS = `/api/subscriptions/${SUB}/jobs`;
export const posts = async (s: Stack) => (await s.upstreamRequests()).filter((r) => r.method === "POST");

export async function startJob(s: Stack, target: string, body: Record<string, unknown>): Promise<Job> {
  const res = await s.post(`${target}/jobs`, body);
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  return jobSchema.parse(res.body);
}

export async function jobNow(s: Stack, id: string): Promise<Job> {
  return jobSchema.parse((await s.get(`${JOBS}/${id}`)).body);
}

/** Moves emulated time on a minute at a time until the job is in one of `states`. */
export async function driveUntil(s: Stack, id: string, states: Job["state"][], onTick?: () => Promise<void>): Promise<Job> {
  return waitFor(
    async () => {
      await onTick?.();
      const job = await jobNow(s, id);
      if (states.includes(job.state)) return job;
      s.emu.advance(60_000);
      return undefined;
    },
    `the job to be ${states.join(" or ")}`,
    20_000,
  );
}
