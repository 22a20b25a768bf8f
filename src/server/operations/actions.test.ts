import { afterEach, describe, expect, it } from "vitest";
// eslint-disable-next-line no-restricted-imports -- tests drive the real emulator
import { startEmulator, type EmulatorHandle } from "../../emulator/index.ts";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openSqliteStore } from "../store/sqlite-store.ts";
import type { Store } from "../store/types.ts";
import { loadConfig } from "../config.ts";
import type { Backend, Backends } from "../backends/types.ts";
import { createReadCache } from "../upstream/cache.ts";
import { UpstreamError } from "../upstream/errors.ts";
import { createServiceManagementClient } from "../backends/classic/client.ts";
import { createTransport, type Transport } from "../backends/classic/transport.ts";
import { SUB, waitFor } from "../test/harness.ts";
import { startAction } from "./actions.ts";
import { OperationTracker, type TrackerDeps } from "./tracker.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function freshStore(): Store {
  const dir = mkdtempSync(join(tmpdir(), "rolecall-actions-"));
  dirs.push(dir);
  return openSqliteStore(dir);
}
const timing = { replicaId: "test", leaseMs: 1000, scanMs: 1000, settleMs: 1000, joinWaitMs: 1000 } satisfies Partial<TrackerDeps>;

// The audit store failing after Azure accepted an action (disk full, a locked file): the action ran,
// so the caller must get its 202 and the operation must be tracked and its deployment freed at the
// end; the failure goes to the log, never into a reply. Real emulator and client; only the store's
// update is made to fail.

describe("startAction when the audit store fails after Azure accepted", () => {
  let emu: EmulatorHandle | undefined;
  let transport: Transport | undefined;
  let tracker: OperationTracker | undefined;
  afterEach(async () => {
    await tracker?.close();
    transport?.close();
    await emu?.close();
  });

  it("answers 202, tracks the operation to its end and frees the deployment; errors are logged", async () => {
    emu = await startEmulator({ port: 0, clock: "manual", scenario: "demo" });
    const config = loadConfig({ ROLECALL_UPSTREAM_URL: emu.url, ROLECALL_RETRY_BASE_MS: "10" });
    transport = createTransport(config.upstream);
    const errors: string[] = [];
    const log = { info: () => {}, warn: () => {}, error: (_o: object, m: string) => void errors.push(m) };
    const client = createServiceManagementClient(transport, config.upstream, log);
    const real = freshStore();
    const store: Store = { ...real, audit: { ...real.audit, update: () => Promise.reject(new Error("SQLITE_FULL: database or disk is full")) } };
    tracker = new OperationTracker({ backends: { classic: client }, store, cache: createReadCache(0), pollMs: 20, restartIdentity: { kind: "anonymous" }, log, ...timing });
    const deps = { backends: { classic: client }, tracker };
    const target = { kind: "classic", subscription: SUB, service: "contoso-web", slot: "production" } as const;
    const req = { actor: { name: "Ada", id: "ada", roles: ["reader", "operator"] as ("reader" | "operator")[] }, identity: { kind: "anonymous" } as const, target, instances: ["WebFrontend_IN_0"], action: "reboot" as const };

    const accepted = await startAction(deps, req);
    expect(accepted.operationId).toMatch(/^[0-9a-f]{32}$/);
    expect(errors).toContain("could not write to the audit store");
    expect((await tracker.inFlight(target))[0]?.id).toBe(accepted.operationId);
    const t = tracker;
    emu.advance(60 * 60_000);
    await waitFor(async () => (await t.inFlight(target)).length === 0, "the deployment to be freed");
    expect(t.find(accepted.operationId)).toBeUndefined();
  });
});

// The lock decides at once: a duplicate that arrives while the first request is still being sent
// shares its outcome, whatever it is, and never gets a 202 of its own without an operation id.
describe("startAction with a duplicate in flight", () => {
  it("a duplicate shares the refusal of a request the upstream turned down at once", async () => {
    let calls = 0;
    const refusing: Backend<never> = {
      kind: "classic",
      maxInstancesPerCall: 1,
      partition: () => "test",
      listTargets: () => Promise.resolve([]),
      readTarget: () => Promise.reject(new Error("not used")),
      readOperation: () => Promise.reject(new Error("not used")),
      startAction: () => {
        calls++;
        return Promise.reject(new UpstreamError({ kind: "http", status: 400, code: "BadRequest", message: "no" }));
      },
    };
    const store = freshStore();
    const log = { info: () => {}, warn: () => {}, error: () => {} };
    const backends = { classic: refusing as unknown as Backends["classic"] };
    const tracker = new OperationTracker({ backends, store, cache: createReadCache(0), pollMs: 20, restartIdentity: { kind: "anonymous" }, log, ...timing });
    const target = { kind: "classic", subscription: SUB, service: "contoso-web", slot: "production" } as const;
    const req = { actor: { name: "Ada", id: "ada", roles: ["operator"] as "operator"[] }, identity: { kind: "anonymous" } as const, target, instances: ["WebFrontend_IN_0"], action: "reboot" as const };
    const results = await Promise.allSettled([startAction({ backends, tracker }, req), startAction({ backends, tracker }, req)]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected"]);
    expect(calls).toBe(1);
    await expect(startAction({ backends, tracker }, { ...req, instances: [] })).rejects.toThrow(/at least one instance/);
    expect(calls).toBe(1);
    await tracker.close();
    await store.close();
  });
});
