import type { ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { actionAcceptedSchema, auditListSchema, deploymentSchema, operationListSchema } from "../../shared/api.ts";
// eslint-disable-next-line no-restricted-imports -- tests drive the real emulator
import { startEmulator, type EmulatorHandle } from "../../emulator/index.ts";
import { startProxy } from "../main.ts";
import { actionPath, errorOf, startStack, SUB, testEnv, waitFor, type LoggedRequest, type Stack } from "./harness.ts";
import { killHard, spawnProxy } from "./spawn.ts";

// Crash-safe holds on the embedded store (SQLite): a proxy killed with SIGKILL right after the 202s
// of a burst of concurrent actions, some of whose POSTs were still on their way. After a restart
// every target acted on is held: the accepted ones by their operation, the interrupted ones as
// "may have started" until Azure's own state (Get Deployment's Locked, the instances) settles them.

const deployments = [
  ["contoso-web", "production"],
  ["contoso-web", "staging"],
  ["contoso-billing", "production"],
  ["contoso-billing", "staging"],
  ["fabrikam-jobs", "production"],
] as const;
const targetOf = (svc: string, slot: string) => `/api/subscriptions/${SUB}/services/${svc}/deployments/${slot}`;

describe("a proxy killed mid-burst, on SQLite", () => {
  let emu: EmulatorHandle | undefined;
  let child: ChildProcess | undefined;
  let dataDir: string | undefined;
  afterEach(async () => {
    child?.kill("SIGKILL");
    await emu?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it("holds every interrupted target after the restart, shown in flight as unconfirmed until Azure settles it", async () => {
    emu = await startEmulator({ port: 0, clock: "manual", scenario: "demo" });
    const upstream = emu;
    dataDir = mkdtempSync(join(tmpdir(), "rolecall-crash-holds-"));
    const env = { ...testEnv(upstream.url, dataDir), ROLECALL_ACTION_RATE_LIMIT: "100000", ROLECALL_UNCONFIRMED_SETTLE_MS: "300" };
    // Azure is slow to answer the billing service's actions: their POSTs are still out at the kill.
    await fetch(`${upstream.url}/_emulator/faults`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ latencyMs: 1500, match: { method: "POST", pathContains: "contoso-billing" } }) });
    const spawned = await spawnProxy(env);
    child = spawned.child;
    const url = spawned.url;
    const targets = await Promise.all(
      deployments.map(async ([svc, slot]) => {
        const dep = deploymentSchema.parse(await (await fetch(`${url}${targetOf(svc, slot)}`)).json());
        return { path: targetOf(svc, slot), instances: dep.instances.map((i) => i.name), slow: svc === "contoso-billing" };
      }),
    );

    // 20 concurrent actions, four identical ones per deployment; killed once the fast ones had their 202.
    const accepted: string[] = [];
    const burst = targets.flatMap((t) =>
      Array.from({ length: 4 }, async () => {
        try {
          const res = await fetch(`${url}${t.path}/instances/${t.instances[0] ?? ""}/reboot`, { method: "POST", headers: { "content-type": "application/json", origin: url }, body: "{}" });
          if (res.status === 202) accepted.push(actionAcceptedSchema.parse(await res.json()).operationId);
        } catch {
          // the proxy is gone
        }
      }),
    );
    await waitFor(() => accepted.length >= 12, "the 202s of the fast deployments", 10_000);
    await killHard(spawned.child);
    await Promise.all(burst);
    const posts = async () => ((await (await fetch(`${upstream.url}/_emulator/requests`)).json()) as LoggedRequest[]).filter((r) => r.method === "POST");
    // The slow POSTs reached Azure and it went on with them: those actions did start, though no one heard back.
    await waitFor(async () => (await posts()).length === 5, "every POST to reach the emulator", 5000);
    const locked = async (slot: string) => {
      const res = await fetch(`${upstream.url}/${SUB}/services/hostedservices/contoso-billing/deploymentslots/${slot}`, { headers: { "x-ms-version": "2017-01-01" } });
      return /<Locked>true<\/Locked>/.test(await res.text());
    };
    await waitFor(async () => (await locked("Production")) && (await locked("Staging")), "Azure to start the billing actions", 5000);

    const proxy = await startProxy(env);
    try {
      const get = async (path: string) => (await fetch(`${proxy.url}${path}`)).json() as Promise<unknown>;
      const inFlight = async (path: string) => deploymentSchema.parse(await get(path)).inFlight;
      // Accepted: held by their operation. Interrupted: held, shown as unconfirmed (once taken over).
      for (const t of targets) {
        const shown = await waitFor(async () => {
          const [op] = await inFlight(t.path);
          return op && (t.slow ? op.unconfirmed : op.id) ? op : undefined;
        }, `${t.path} shown in flight`, 5000);
        if (t.slow) expect(shown).toMatchObject({ id: "", unconfirmed: true, action: "reboot", error: { code: "OutcomeUnknown", message: expect.stringMatching(/may have started/) as string } });
        else expect(accepted).toContain(shown.id);
        // Held: another action on it is refused here, and nothing goes to Azure.
        const other = await fetch(`${proxy.url}${t.path}/instances/${t.instances[1] ?? ""}/reimage`, { method: "POST", headers: { "content-type": "application/json", origin: proxy.url }, body: "{}" });
        expect(other.status).toBe(409);
        const error = errorOf({ body: await other.json() });
        expect(error.code).toBe("DeploymentBusy");
        if (t.slow) expect(error.message).toMatch(/may have started .* could not confirm it/);
      }
      expect(await posts()).toHaveLength(5);
      const listed = operationListSchema.parse(await get(`/api/subscriptions/${SUB}/operations`));
      expect(listed.filter((o) => o.unconfirmed)).toHaveLength(2);

      // Azure's operations end: the accepted ones are followed to Succeeded, the interrupted ones
      // are settled by Azure showing nothing running any more, and every target is free again.
      upstream.advance(60 * 60_000);
      for (const t of targets) await waitFor(async () => (await inFlight(t.path)).length === 0, `${t.path} to be free`, 10_000);
      const audit = auditListSchema.parse(await get("/api/audit?limit=100"));
      for (const id of new Set(accepted)) expect(audit.find((e) => e.operationId === id)?.outcome).toBe("Succeeded");
      const interrupted = audit.filter((e) => e.operationId === null);
      expect(interrupted).toHaveLength(2);
      for (const e of interrupted) expect(e).toMatchObject({ outcome: "unknown", error: { code: "Interrupted", message: expect.stringMatching(/Azure showed nothing running on the target/) as string } });
    } finally {
      await proxy.close();
    }
  });
});

describe("an unconfirmed action whose target Azure shows busy", () => {
  let s: Stack | undefined;
  afterEach(async () => s?.close());

  it("stays held past ROLECALL_UNCONFIRMED_HOLD_MS while Azure shows the deployment locked, and is freed once it is not", async () => {
    const holdMs = 1000;
    s = await startStack({ env: { ROLECALL_UPSTREAM_TIMEOUT_MS: "300", ROLECALL_UNCONFIRMED_HOLD_MS: String(holdMs), ROLECALL_UNCONFIRMED_SETTLE_MS: "800" } });
    const stack = s;
    // The POST outlives the proxy's timeout, then Azure starts it (before the settle time): the outcome is unknown to Rolecall.
    await stack.faults({ latencyMs: 600, match: { method: "POST" } });
    const sentAt = Date.now();
    await stack.post(actionPath("WebFrontend_IN_0", "reboot"));
    const posts = async () => (await stack.upstreamRequests()).filter((r) => r.method === "POST");
    await stack.control("DELETE", "faults");
    // The cap is a span of real time: only waiting it out shows the hold outlives it.
    await waitFor(() => Date.now() > sentAt + 2 * holdMs, "the unconfirmed hold's cap to pass", 3 * holdMs);
    const other = await stack.post(actionPath("WebFrontend_IN_1", "reimage"));
    expect(other.status).toBe(409);
    expect(errorOf(other), JSON.stringify(other.body)).toMatchObject({ code: "DeploymentBusy", blocking: { action: "reboot", instances: ["WebFrontend_IN_0"] } });
    expect(await posts()).toHaveLength(1);
    // Azure's operation ends: nothing runs there any more, so the hold is settled and freed.
    stack.emu.advance(60 * 60_000);
    await waitFor(async () => (await stack.post(actionPath("WebFrontend_IN_1", "reimage"))).status === 202, "the target to be free once Azure shows it idle");
  });
});
