import { afterEach, describe, expect, it } from "vitest";
// eslint-disable-next-line no-restricted-imports -- tests drive the real emulator
import { startEmulator, type EmulatorHandle } from "../../emulator/index.ts";
import { openAuditStore, type AuditStore } from "../audit/store.ts";
import { loadConfig } from "../config.ts";
import { createReadCache } from "../upstream/cache.ts";
import { createServiceManagementClient } from "../upstream/client.ts";
import { createTransport, type Transport } from "../upstream/transport.ts";
import { SUB, waitFor } from "../test/harness.ts";
import { startAction } from "./actions.ts";
import { OperationTracker } from "./tracker.ts";

// The audit store failing after Azure accepted an action (disk full, a locked file): the action ran,
// so the caller must get its 202 and the operation must be tracked and its deployment freed at the
// end; the failure goes to the log, never into a reply. Real emulator and client; only the store's
// update is made to fail.

describe("startAction when the audit store fails after Azure accepted", () => {
  let emu: EmulatorHandle | undefined;
  let transport: Transport | undefined;
  let tracker: OperationTracker | undefined;
  afterEach(async () => {
    tracker?.close();
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
    const real = openAuditStore(":memory:");
    const audit: AuditStore = { ...real, update: () => { throw new Error("SQLITE_FULL: database or disk is full"); } };
    tracker = new OperationTracker({ client, audit, cache: createReadCache(0), pollMs: 20, restartIdentity: { kind: "anonymous" }, log });
    const deps = { client, audit, tracker };
    const req = { actor: { name: "Ada", id: "ada", roles: ["reader", "operator"] as ("reader" | "operator")[] }, identity: { kind: "anonymous" } as const, subscription: SUB, service: "contoso-web", slot: "production" as const, instance: "WebFrontend_IN_0", action: "reboot" as const };

    const accepted = await startAction(deps, req);
    expect(accepted.operationId).toMatch(/^[0-9a-f]{32}$/);
    expect(errors).toContain("could not write to the audit store");
    expect(tracker.inFlight(SUB, "contoso-web", "production")[0]?.id).toBe(accepted.operationId);
    const t = tracker;
    emu.advance(60 * 60_000);
    await waitFor(() => t.inFlight(SUB, "contoso-web", "production").length === 0, "the deployment to be freed");
    expect(t.find(accepted.operationId)).toBeUndefined();
  });
});
