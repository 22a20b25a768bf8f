import type { ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { actionAcceptedSchema, auditListSchema, deploymentSchema, jobSchema } from "../../shared/api.ts";
// eslint-disable-next-line no-restricted-imports -- tests drive the real emulator
import { startEmulator, type EmulatorHandle } from "../../emulator/index.ts";
import { openAuditStore } from "../audit/store.ts";
import { startProxy } from "../main.ts";
import { DEP, SUB, testEnv, waitFor, type LoggedRequest } from "./harness.ts";
import { spawnProxy } from "./spawn.ts";

describe("a proxy killed with SIGKILL", () => {
  let emu: EmulatorHandle | undefined;
  let child: ChildProcess | undefined;
  let dataDir: string | undefined;
  afterEach(async () => {
    child?.kill("SIGKILL");
    await emu?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it("a proxy killed with SIGKILL mid-stream loses no action it answered 202 to; a restart finishes tracking", async () => {
    emu = await startEmulator({ port: 0, clock: "manual", scenario: "demo" });
    const upstream = emu;
    dataDir = mkdtempSync(join(tmpdir(), "rolecall-durability-"));
    const env = { ...testEnv(upstream.url, dataDir), ROLECALL_ACTION_RATE_LIMIT: "100000" };
    const spawned = await spawnProxy(env);
    child = spawned.child;
    const url = spawned.url;

    const deployments = [
      ["contoso-web", "production"],
      ["contoso-web", "staging"],
      ["contoso-billing", "production"],
      ["contoso-billing", "staging"],
      ["fabrikam-jobs", "production"],
    ] as const;
    const targets = await Promise.all(
      deployments.map(async ([svc, slot]) => {
        const res = await fetch(`${url}/api/subscriptions/${SUB}/services/${svc}/deployments/${slot}`);
        return { svc, slot, instances: deploymentSchema.parse(await res.json()).instances.map((i) => i.name) };
      }),
    );

    // One worker per deployment fires actions back to back; the clock moves on so operations end and
    // free their deployments. Every 202 is noted; the process is killed while requests are in flight.
    const accepted: string[] = [];
    let killed = false;
    const worker = async (t: (typeof targets)[number]) => {
      for (let i = 0; !killed; i++) {
        const instance = t.instances[i % t.instances.length] ?? "";
        try {
          const res = await fetch(`${url}/api/subscriptions/${SUB}/services/${t.svc}/deployments/${t.slot}/instances/${instance}/reboot`, {
            method: "POST",
            headers: { "content-type": "application/json", origin: url },
            body: "{}",
          });
          if (res.status === 202) accepted.push(actionAcceptedSchema.parse(await res.json()).operationId);
          else await res.text();
        } catch {
          return; // the proxy is gone
        }
        upstream.advance(20 * 60_000);
      }
    };
    const workers = targets.map(worker);
    await waitFor(() => accepted.length >= 25, "25 accepted actions", 20_000);
    child.kill("SIGKILL");
    killed = true;
    await Promise.all(workers);
    const killedChild = child;
    if (killedChild.exitCode === null && killedChild.signalCode === null) await new Promise((r) => killedChild.once("exit", r));

    // Restart on the same data directory (in-process this time) and read the log.
    const proxy = await startProxy(env);
    try {
      const audit = auditListSchema.parse(await (await fetch(`${proxy.url}/api/audit?limit=500`)).json());
      const logged = new Set(audit.map((e) => e.operationId));
      const missing = accepted.filter((id) => !logged.has(id));
      expect(missing).toEqual([]);
      // (An id may repeat in `accepted`: a repeat of an in-flight action answers with the same operation.)

      // Operations interrupted by the kill are polled again and reach an outcome.
      upstream.advance(60 * 60_000);
      await waitFor(async () => {
        const rows = auditListSchema.parse(await (await fetch(`${proxy.url}/api/audit?limit=500`)).json());
        return rows.every((e) => !["pending", "accepted", "InProgress"].includes(e.outcome));
      }, "every operation to reach an outcome after restart", 10_000);
      const final = auditListSchema.parse(await (await fetch(`${proxy.url}/api/audit?limit=500`)).json());
      for (const id of accepted) expect(final.find((e) => e.operationId === id)?.outcome).toBe("Succeeded");
    } finally {
      await proxy.close();
    }
  });

  it("SIGKILL mid-job: after a restart the job finishes, every instance got its action exactly once", async () => {
    emu = await startEmulator({ port: 0, clock: "manual", scenario: "demo" });
    const upstream = emu;
    dataDir = mkdtempSync(join(tmpdir(), "rolecall-job-kill-"));
    const env = testEnv(upstream.url, dataDir);
    const spawned = await spawnProxy(env);
    child = spawned.child;
    const names = ["WebFrontend_IN_0", "WebFrontend_IN_1", "WebFrontend_IN_2"];
    const res = await fetch(`${spawned.url}${DEP}/jobs`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: spawned.url },
      body: JSON.stringify({ action: "reboot", instances: names, batch: "instance", minReadyPercent: 25 }),
    });
    expect(res.status).toBe(202);
    const job = jobSchema.parse(await res.json());
    const posts = async () => ((await (await fetch(`${upstream.url}/_emulator/requests`)).json()) as LoggedRequest[]).filter((r) => r.method === "POST");
    // Let the job get going, then kill it while its second action is on its way or just sent.
    await waitFor(async () => {
      if ((await posts()).length >= 2) return true;
      upstream.advance(60_000);
      return false;
    }, "the second action to reach Azure", 20_000);
    child.kill("SIGKILL");
    const killedChild = child;
    if (killedChild.exitCode === null && killedChild.signalCode === null) await new Promise((r) => killedChild.once("exit", r));

    const proxy = await startProxy(env);
    try {
      const read = async () => jobSchema.parse(await (await fetch(`${proxy.url}/api/subscriptions/${SUB}/jobs/${job.id}`)).json());
      let resumed = false;
      const done = await waitFor(async () => {
        const j = await read();
        // A send whose answer the kill lost pauses the job; resuming goes on without sending it again.
        if (j.state === "paused" && !resumed) {
          expect(j.pausedReason).toMatch(/resuming will not send it again/);
          resumed = true;
          await fetch(`${proxy.url}/api/subscriptions/${SUB}/jobs/${job.id}/resume`, { method: "POST", headers: { "content-type": "application/json", origin: proxy.url }, body: "{}" });
          return undefined;
        }
        if (j.state !== "running" && j.state !== "paused") return j;
        upstream.advance(60_000);
        return undefined;
      }, "the job to end after the restart", 20_000);
      expect(done.state).toBe("succeeded");
      const sent = (await posts()).map((r) => r.path.split("/").pop());
      expect(sent.sort()).toEqual([...names].sort());
    } finally {
      await proxy.close();
    }
  });
});

describe("restart after an interrupted request", () => {
  it("marks an action written before forwarding but never answered as unknown, with a reason", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "rolecall-interrupted-"));
    const store = openAuditStore(join(dataDir, "audit.sqlite"));
    // Written a while before the crash: a younger row may be another replica's, about to be sent.
    store.insert({ at: new Date(Date.now() - 60_000).toISOString(), actor: "local operator", actorId: "local", action: "reboot", subscription: SUB, target: DEP, instances: ["WebFrontend_IN_0"] });
    store.close();
    const upstream = await startEmulator({ port: 0, clock: "manual", scenario: "demo" });
    const proxy = await startProxy({ ...testEnv(upstream.url, dataDir) });
    try {
      const audit = auditListSchema.parse(await (await fetch(`${proxy.url}/api/audit`)).json());
      expect(audit[0]).toMatchObject({ outcome: "unknown", operationId: null, error: { code: "Interrupted" } });
      // It does not hold the deployment either: an action on it goes through.
      const res = await fetch(`${proxy.url}/api/subscriptions/${SUB}/services/contoso-web/deployments/production/instances/WebFrontend_IN_1/reboot`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: proxy.url },
        body: "{}",
      });
      expect(res.status).toBe(202);
    } finally {
      await proxy.close();
      await upstream.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
