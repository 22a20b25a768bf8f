import type { ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { actionAcceptedSchema, deploymentSchema, jobSchema, operationListSchema, operationSchema, type Job } from "../../shared/api.ts";
// eslint-disable-next-line no-restricted-imports -- tests drive the real emulator
import { startEmulator, type EmulatorHandle } from "../../emulator/index.ts";
import { startProxy } from "../main.ts";
import { actionPath, DEP, errorOf, SUB, testEnv, waitFor, type LoggedRequest } from "./harness.ts";
import { startPostgres, type PostgresCluster } from "./postgres.ts";
import { killHard, spawnProxy } from "./spawn.ts";

// Two real proxies (replicas), each with its own data dir and port, on one real PostgreSQL, in
// front of one emulator: what one replica decides, the other sees, and exactly one upstream action
// leaves for one accepted request, whichever replica takes it (DESIGN.md §4 Replicas).

interface Replica {
  url: string;
  get(path: string): Promise<{ status: number; body: unknown; headers: Headers }>;
  post(path: string, body?: unknown): Promise<{ status: number; body: unknown; headers: Headers }>;
}

const replica = (url: string): Replica => {
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(url + path, method === "GET" ? {} : { method, headers: { "content-type": "application/json", origin: url }, body: JSON.stringify(body ?? {}) });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined, headers: res.headers };
  };
  return { url, get: (path) => call("GET", path), post: (path, body) => call("POST", path, body) };
};

let cluster: PostgresCluster | undefined;
beforeAll(async () => {
  cluster = await startPostgres();
}, 60_000);
afterAll(async () => cluster?.stop());

describe("two replicas on one PostgreSQL", () => {
  let emu: EmulatorHandle;
  const closers: (() => Promise<unknown>)[] = [];
  const dirs: string[] = [];
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  /** A fresh database and emulator, and the environment every replica of the test shares (data dirs apart). */
  async function setup(extra: Record<string, string> = {}) {
    if (!cluster) throw new Error("the test PostgreSQL did not start");
    emu = await startEmulator({ port: 0, clock: "manual", scenario: "demo" });
    const upstream = emu;
    closers.push(() => upstream.close());
    const databaseUrl = await cluster.createDatabase();
    return (dataDir = mkdtempSync(join(tmpdir(), "rolecall-replica-"))) => {
      dirs.push(dataDir);
      return { ...testEnv(upstream.url, dataDir), ROLECALL_DATABASE_URL: databaseUrl, ...extra };
    };
  }

  async function twoReplicas(extra: Record<string, string> = {}): Promise<[Replica, Replica]> {
    const env = await setup(extra);
    const a = await startProxy(env());
    closers.push(() => a.close());
    const b = await startProxy(env());
    closers.push(() => b.close());
    return [replica(a.url), replica(b.url)];
  }

  const posts = async () => ((await (await fetch(`${emu.url}/_emulator/requests`)).json()) as LoggedRequest[]).filter((r) => r.method === "POST");
  const faults = (f: unknown) => fetch(`${emu.url}/_emulator/faults`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(f) });

  it("20 concurrent identical actions split across the two → one upstream POST, one operation id in all 20 answers", async () => {
    const [a, b] = await twoReplicas({ ROLECALL_ACTION_RATE_LIMIT: "1000" });
    // The POST takes a while upstream, so the duplicates arrive while it is still on its way.
    await faults({ latencyMs: 200, match: { method: "POST" } });
    const replies = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? b : a).post(actionPath("WebFrontend_IN_0"))));
    expect(replies.map((r) => r.status)).toEqual(Array(20).fill(202));
    const ids = new Set(replies.map((r) => actionAcceptedSchema.parse(r.body).operationId));
    expect(ids.size).toBe(1);
    expect(await posts()).toHaveLength(1);
    console.log(`replicas: 20 concurrent identical actions over 2 replicas → ${(await posts()).length} upstream POST, ${ids.size} operation id`);
  });

  it("different actions on one target across replicas → one POST, the others 409 naming the holder, the same on both", async () => {
    const [a, b] = await twoReplicas({ ROLECALL_ACTION_RATE_LIMIT: "1000" });
    await faults({ latencyMs: 200, match: { method: "POST" } });
    const paths = [actionPath("WebFrontend_IN_0"), actionPath("WebFrontend_IN_1", "reboot"), actionPath("WebFrontend_IN_2", "rebuild"), actionPath("ApiWorker_IN_0", "reboot")];
    const replies = await Promise.all(paths.flatMap((path) => [a.post(path), b.post(path)]));
    const won = replies.filter((r) => r.status === 202);
    const lost = replies.filter((r) => r.status !== 202);
    // The winner's duplicate (the same path on the other replica) shares its 202.
    expect(won).toHaveLength(2);
    expect(new Set(won.map((r) => actionAcceptedSchema.parse(r.body).operationId)).size).toBe(1);
    expect(lost.map((r) => r.status)).toEqual(Array(6).fill(409));
    const winner = actionAcceptedSchema.parse(won[0]?.body);
    for (const r of lost) expect(errorOf(r)).toMatchObject({ code: "DeploymentBusy", blocking: { action: winner.action, instances: winner.instances, requestedBy: "local operator" } });
    expect(await posts()).toHaveLength(1);
    // Once accepted, both replicas name the same operation in their 409 (to an action other than
    // the winner's: the same one again would be a duplicate, answered with the winner's 202).
    const other = actionPath("ApiWorker_IN_1");
    for (const r of [a, b]) expect(errorOf(await r.post(other)).blocking?.id).toBe(winner.operationId);
    expect(await posts()).toHaveLength(1);
  });

  it("an operation started on one replica is in flight on both, and both see it end", async () => {
    const [a, b] = await twoReplicas();
    const { operationId } = actionAcceptedSchema.parse((await a.post(actionPath("WebFrontend_IN_2", "reboot"))).body);
    for (const r of [a, b]) {
      expect(deploymentSchema.parse((await r.get(DEP)).body).inFlight.map((o) => o.id)).toEqual([operationId]);
      expect(operationListSchema.parse((await r.get(`/api/subscriptions/${SUB}/operations`)).body)[0]).toMatchObject({ id: operationId, status: "InProgress" });
    }
    emu.advance(60 * 60_000);
    for (const r of [a, b]) {
      await waitFor(async () => deploymentSchema.parse((await r.get(DEP)).body).inFlight.length === 0, "the operation to end on every replica");
      expect(operationSchema.parse((await r.get(`/api/subscriptions/${SUB}/operations/${operationId}`)).body).status).toBe("Succeeded");
    }
  });

  it("a job's POST slower than its lease keeps the lease: the other replica does not take the job over and pause it", async () => {
    const [a, b] = await twoReplicas();
    // The lease is 1 s with the test's fast polling; Azure takes 2.5 s to answer each POST.
    await faults({ latencyMs: 2_500, match: { method: "POST" } });
    const names = ["WebFrontend_IN_0", "WebFrontend_IN_1"];
    const res = await a.post(`${DEP}/jobs`, { action: "reboot", instances: names, batch: "instance", minReadyPercent: 25 });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    const job = jobSchema.parse(res.body);
    const states = new Set<string>();
    const done = await waitFor(
      async () => {
        const j = jobSchema.parse((await b.get(`/api/subscriptions/${SUB}/jobs/${job.id}`)).body);
        states.add(j.state);
        if (j.state !== "running") return j;
        emu.advance(60_000);
        return undefined;
      },
      "the job to end",
      30_000,
    );
    expect(done.pausedReason).toBeUndefined();
    expect(done.state).toBe("succeeded");
    expect([...states]).not.toContain("paused");
    expect((await posts()).map((r) => r.path.split("/").pop()).sort()).toEqual([...names].sort());
  });

  it("the action rate limit counts one person's actions across replicas", async () => {
    const [a, b] = await twoReplicas({ ROLECALL_ACTION_RATE_LIMIT: "3" });
    const statuses: number[] = [];
    for (const [r, path] of [
      [a, actionPath("WebFrontend_IN_0")],
      [b, actionPath("WebFrontend_IN_0", "reimage", "contoso-web", "staging")],
      [a, actionPath("JobRunner_IN_0", "reboot", "fabrikam-jobs", "production")],
    ] as const) statuses.push((await r.post(path)).status);
    expect(statuses).toEqual([202, 202, 202]);
    const before = (await posts()).length;
    const res = await b.post(actionPath("JobRunner_IN_1", "reboot", "fabrikam-jobs", "production"));
    expect(res.status).toBe(429);
    expect(errorOf(res)).toMatchObject({ code: "TooManyActions", message: expect.stringMatching(/at most 3 actions a minute/) as string });
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await posts()).toHaveLength(before);
  });

  it("readiness: 200 while PostgreSQL answers, 503 NotReady naming it once the database is gone", async () => {
    const env = await setup();
    const config = env();
    // Each probe its own check, so the second sees the database gone at once.
    const proxy = await startProxy({ ...config, ROLECALL_READY_CACHE_MS: "0" });
    closers.push(() => proxy.close());
    const r = replica(proxy.url);
    expect((await r.get("/api/health/ready")).body).toMatchObject({ ok: true, store: "postgres" });
    const admin = new pg.Client({ connectionString: cluster?.url("postgres") });
    await admin.connect();
    try {
      await admin.query(`DROP DATABASE ${new URL(config.ROLECALL_DATABASE_URL).pathname.slice(1)} WITH (FORCE)`);
    } finally {
      await admin.end();
    }
    const down = await r.get("/api/health/ready");
    expect(down.status).toBe(503);
    // The probe is unauthenticated: it names the part, never the driver's message (database, host, user).
    expect(errorOf(down)).toMatchObject({ code: "NotReady", message: "Not ready: the store (PostgreSQL) did not answer." });
    expect((await r.get("/api/health")).status).toBe(200);
  });

  describe("a replica killed with SIGKILL mid-job", () => {
    let child: ChildProcess | undefined;
    afterEach(() => {
      child?.kill("SIGKILL");
    });

    it("the other replica takes the job over and finishes it; no instance gets its action twice", async () => {
      const env = await setup();
      const spawned = await spawnProxy(env());
      child = spawned.child;
      const killed = replica(spawned.url);
      const other = await startProxy(env());
      closers.push(() => other.close());
      const survivor = replica(other.url);

      const names = ["WebFrontend_IN_0", "WebFrontend_IN_1", "WebFrontend_IN_2"];
      const res = await killed.post(`${DEP}/jobs`, { action: "reboot", instances: names, batch: "instance", minReadyPercent: 25 });
      expect(res.status, JSON.stringify(res.body)).toBe(202);
      const job = jobSchema.parse(res.body);
      // The survivor sees the job, and its hold: a single action there meets it.
      expect(errorOf(await survivor.post(actionPath("ApiWorker_IN_0", "reboot"))).blocking?.jobId).toBe(job.id);
      await waitFor(async () => {
        if ((await posts()).length >= 2) return true;
        emu.advance(60_000);
        return false;
      }, "the job's second action to reach Azure", 20_000);
      await killHard(spawned.child);

      const read = async () => jobSchema.parse((await survivor.get(`/api/subscriptions/${SUB}/jobs/${job.id}`)).body);
      let resumed = false;
      const done: Job = await waitFor(
        async () => {
          const j = await read();
          // A send whose answer died with the replica pauses the job; resuming does not send it again.
          if (j.state === "paused" && !resumed) {
            expect(j.pausedReason).toMatch(/resuming will not send it again/);
            resumed = true;
            expect((await survivor.post(`/api/subscriptions/${SUB}/jobs/${job.id}/resume`)).status).toBe(200);
            return undefined;
          }
          if (j.state !== "running" && j.state !== "paused") return j;
          emu.advance(60_000);
          return undefined;
        },
        "the survivor to finish the job",
        30_000,
      );
      expect(done.state).toBe("succeeded");
      const sent = (await posts()).map((r) => r.path.split("/").pop() ?? "");
      expect(sent.sort()).toEqual([...names].sort());
    });
  });
});
