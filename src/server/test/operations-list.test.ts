import { afterEach, describe, expect, it } from "vitest";
import { deploymentSchema, operationListSchema } from "../../shared/api.ts";
import { actionPath, DEP, startStack, SUB, waitFor, type Stack } from "./harness.ts";

// The operations list is where the SPA's tray gets its entries: an action whose start Azure never
// confirmed (no operation id) must stay in it after its hold ends, with its outcome unknown.

let s: Stack | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});

const list = async (stack: Stack) => operationListSchema.parse((await stack.get(`/api/subscriptions/${SUB}/operations`)).body);
/** Whether Azure (the emulator) shows the deployment locked by an operation of its own. */
const locked = (stack: Stack) => async () => {
  const res = await fetch(`${stack.emu.url}/${SUB}/services/hostedservices/contoso-web/deploymentslots/production`, { headers: { "x-ms-version": "2017-01-01" } });
  return /<Locked>true<\/Locked>/.test(await res.text());
};
const inFlight = async (stack: Stack) => deploymentSchema.parse((await stack.get(DEP)).body).inFlight;

describe("the operations list and an action whose start was never confirmed", () => {
  it("lists it in progress while held, then as ended with its outcome unknown, in its place among the others", async () => {
    // The POST times out (150 ms) but reaches the emulator, which starts the reimage at 400 ms: by the
    // settle time (600 ms) Azure shows it busy, so the hold lasts until the reimage ends.
    s = await startStack({ env: { ROLECALL_UPSTREAM_TIMEOUT_MS: "150", ROLECALL_UNCONFIRMED_SETTLE_MS: "600" } });
    const stack = s;
    await stack.faults({ latencyMs: 400, match: { method: "POST" } });
    expect((await stack.post(actionPath("WebFrontend_IN_0"))).status).toBe(504);

    const held = await list(stack);
    expect(held).toHaveLength(1); // once: from its hold, not again from its audit row
    expect(held[0]).toMatchObject({ id: "", status: "InProgress", unconfirmed: true, action: "reimage", instances: ["WebFrontend_IN_0"], target: DEP });

    await waitFor(locked(stack), "Azure to start the reimage that timed out", 10_000);
    await stack.control("DELETE", "faults");
    stack.emu.advance(60 * 60_000); // the reimage that did start upstream ends
    await waitFor(async () => (await inFlight(stack)).length === 0, "the hold to end", 10_000);

    // Another action, accepted, after it: both listed, newest first.
    const later = await stack.post(actionPath("WebFrontend_IN_1", "reboot"));
    expect(later.status).toBe(202);
    const ended = await list(stack);
    expect(ended.map((o) => [o.action, o.status, o.unconfirmed])).toEqual([
      ["reboot", "InProgress", undefined],
      ["reimage", "Failed", true],
    ]);
    expect(ended[1]).toMatchObject({ id: "", instances: ["WebFrontend_IN_0"], requestedAt: held[0]?.requestedAt, target: DEP });
    expect(ended[1]?.error?.message).toMatch(/may have started .*Azure showed nothing running on the target/);
  });

  it("lists an action that timed out with nothing started as outcome unknown, and not one Azure refused", async () => {
    s = await startStack({ env: { ROLECALL_UPSTREAM_TIMEOUT_MS: "150", ROLECALL_UNCONFIRMED_SETTLE_MS: "0" } });
    const stack = s;
    // Refused by Azure before it acted: the audit says rejected, the tray has nothing to follow.
    await stack.faults({ failNext: { count: 1, status: 400, code: "BadRequest" }, match: { method: "POST" } });
    expect((await stack.post(actionPath("WebFrontend_IN_0"))).status).toBe(502);
    // Timed out with nothing started upstream (the fault refuses it after the wait): settled at the first check.
    await stack.faults({ latencyMs: 400, failNext: { count: 1, status: 400, code: "BadRequest" }, match: { method: "POST" } });
    expect((await stack.post(actionPath("WebFrontend_IN_1"))).status).toBe(504);
    await waitFor(async () => (await inFlight(stack)).length === 0, "the hold to end", 10_000);
    const ops = await list(stack);
    expect(ops).toHaveLength(1);
    expect(ops[0]).toMatchObject({ id: "", status: "Failed", unconfirmed: true, instances: ["WebFrontend_IN_1"] });
  });
});
