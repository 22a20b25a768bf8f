import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { jobSchema, type Job } from "../../shared/api.ts";
// eslint-disable-next-line no-restricted-imports -- tests drive the real emulator
import { startEmulator, type EmulatorHandle } from "../../emulator/index.ts";
import { startProxy } from "../main.ts";
import { openStore } from "../store/open-store.ts";
import type { Store } from "../store/types.ts";
import { actionPath, DEP, errorOf, SUB, testEnv, waitFor, type LoggedRequest } from "./harness.ts";
import { startPostgres, type PostgresCluster } from "./postgres.ts";

// A rolling job's hold on its target, across two real replicas on one real PostgreSQL: it is kept
// while anything the job sent may still be on its way, taken back when lost, and freed once the
// job has ended even when the replica that ended it died before releasing it.

interface Reply {
  status: number;
  body: unknown;
}
const call = async (url: string, method: "GET" | "POST", path: string, body?: unknown): Promise<Reply> => {
  const res = await fetch(url + path, method === "GET" ? {} : { method, headers: { "content-type": "application/json", origin: url }, body: JSON.stringify(body ?? {}) });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined };
};

let cluster: PostgresCluster | undefined;
beforeAll(async () => {
  cluster = await startPostgres();
}, 60_000);
afterAll(async () => cluster?.stop());

describe("a rolling job's hold across replicas", () => {
  let emu: EmulatorHandle;
  const closers: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
  });

  /** Two replicas (a, b), and the store they share opened by the test itself. */
  async function setup(): Promise<{ a: string; b: string; store: Store }> {
    if (!cluster) throw new Error("the test PostgreSQL did not start");
    emu = await startEmulator({ port: 0, clock: "manual", scenario: "demo" });
    const upstream = emu;
    closers.push(() => upstream.close());
    const databaseUrl = await cluster.createDatabase();
    const urls: string[] = [];
    for (let i = 0; i < 2; i++) {
      const dataDir = mkdtempSync(join(tmpdir(), "rolecall-job-holds-"));
      closers.push(() => Promise.resolve(rmSync(dataDir, { recursive: true, force: true })));
      const proxy = await startProxy({ ...testEnv(upstream.url, dataDir), ROLECALL_DATABASE_URL: databaseUrl, ROLECALL_ACTION_RATE_LIMIT: "1000" });
      closers.push(() => proxy.close());
      urls.push(proxy.url);
    }
    const store = await openStore({ databaseUrl, dataDir: tmpdir() });
    closers.push(() => store.close());
    return { a: urls[0] ?? "", b: urls[1] ?? "", store };
  }

  const posts = async () => ((await (await fetch(`${emu.url}/_emulator/requests`)).json()) as LoggedRequest[]).filter((r) => r.method === "POST");
  const faults = (f: unknown) => fetch(`${emu.url}/_emulator/faults`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(f) });
  const startJob = async (url: string, instances: string[], extra: Record<string, unknown> = {}): Promise<Job> => {
    const res = await call(url, "POST", `${DEP}/jobs`, { action: "reboot", instances, batch: "instance", minReadyPercent: 25, ...extra });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    return jobSchema.parse(res.body);
  };
  const jobNow = async (url: string, id: string) => jobSchema.parse((await call(url, "GET", `/api/subscriptions/${SUB}/jobs/${id}`)).body);

  it("cancelled on the other replica while its POST is on its way: the target stays held until that operation ends", async () => {
    const { a, b } = await setup();
    await faults({ latencyMs: 1500, match: { method: "POST" } });
    const job = await startJob(a, ["WebFrontend_IN_0", "WebFrontend_IN_1"]);
    await waitFor(async () => (await posts()).length === 1, "the job's first POST to be on its way");
    expect((await call(b, "POST", `/api/subscriptions/${SUB}/jobs/${job.id}/cancel`)).status).toBe(200);
    // The POST may start an operation any moment: a single action must meet the job's hold, not race it.
    const single = await call(b, "POST", actionPath("ApiWorker_IN_0", "reboot"));
    expect(single.status).toBe(409);
    expect(errorOf(single).blocking?.jobId).toBe(job.id);
    expect(await posts()).toHaveLength(1);
    // The answer comes back: the cancelled job follows what it sent, and frees the target at its end.
    await waitFor(async () => (await jobNow(a, job.id)).steps[0]?.operationIds.length === 1, "the job to record the operation it sent");
    await fetch(`${emu.url}/_emulator/faults`, { method: "DELETE" });
    await waitFor(async () => {
      emu.advance(60_000);
      return (await call(b, "POST", actionPath("ApiWorker_IN_0", "reboot"))).status === 202;
    }, "the target to be free once the job's operation ended", 20_000);
    expect((await jobNow(b, job.id)).state).toBe("cancelled");
  });

  it("a running job whose hold was freed under it takes it back before sending anything more", async () => {
    const { a, store } = await setup();
    const job = await startJob(a, ["WebFrontend_IN_0", "WebFrontend_IN_1"], { soakSec: 3600 });
    // Step 1 done, the job soaks: then its hold goes (as a settle that read the job too early would free it).
    await waitFor(async () => {
      emu.advance(60_000);
      return (await jobNow(a, job.id)).steps[0]?.state === "succeeded";
    }, "the job's first step to succeed", 20_000);
    const [hold] = (await store.holds.list()).filter((h) => h.jobId === job.id);
    expect(hold).toBeDefined();
    await store.holds.release(hold?.target ?? "", hold?.id ?? "");
    await waitFor(async () => (await store.holds.list()).some((h) => h.jobId === job.id), "the job to take its hold back");
    expect(errorOf(await call(a, "POST", actionPath("ApiWorker_IN_0", "reboot"))).blocking?.jobId).toBe(job.id);
  });

  it("a job hold left behind (a crash before the release, or before the job was stored) is freed after a lease", async () => {
    const { a, b, store } = await setup();
    const job = await startJob(a, ["WebFrontend_IN_0"]);
    await waitFor(async () => {
      emu.advance(60_000);
      return (await jobNow(a, job.id)).state === "succeeded";
    }, "the job to succeed", 20_000);
    const target = DEP;
    for (const jobId of [job.id, "a0000000000000000000000000000000"]) {
      // The hold as the job took it, left there by a replica that died before letting it go.
      const operation = { id: "", status: "InProgress" as const, action: "reboot" as const, instances: ["WebFrontend_IN_0"], requestedBy: "local operator", requestedAt: new Date().toISOString(), target };
      expect((await store.holds.acquire(target, { id: `job:${jobId}`, actorId: "local", jobId, operation })).acquired).toBe(true);
      expect(errorOf(await call(b, "POST", actionPath("ApiWorker_IN_0", "reboot"))).blocking?.jobId).toBe(jobId);
      await waitFor(async () => {
        const res = await call(b, "POST", actionPath("ApiWorker_IN_0", "reboot"));
        return res.status === 202 ? res : undefined;
      }, "the left-behind hold to be freed", 10_000);
      await waitFor(async () => {
        emu.advance(60_000);
        return (await store.holds.list()).length === 0;
      }, "the single action to end");
    }
  });
});
