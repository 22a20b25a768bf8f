import { describe, expect, it } from "vitest";
import type { AuditRecord } from "../audit/store.ts";
import type { Hold } from "../store/types.ts";
import { listOperations, sameIdentity } from "./describe.ts";

describe("sameIdentity", () => {
  it("tells identities apart by their ARM token too, so a fresh ARM token is lent to a failing poller", () => {
    const cert = { kind: "certificate" } as const;
    expect(sameIdentity(cert, { kind: "certificate" })).toBe(true);
    expect(sameIdentity({ ...cert, armToken: "old" }, { ...cert, armToken: "new" })).toBe(false);
    expect(sameIdentity(cert, { ...cert, armToken: "new" })).toBe(false);
    expect(sameIdentity({ kind: "bearer", token: "a", armToken: "x" }, { kind: "bearer", token: "a", armToken: "x" })).toBe(true);
    expect(sameIdentity({ kind: "bearer", token: "a" }, { kind: "bearer", token: "b" })).toBe(false);
  });
});

describe("the operations list", () => {
  const T = "/api/subscriptions/s/services/web/deployments/staging";
  const row = (id: number, more: Partial<AuditRecord> = {}): AuditRecord => ({
    id, at: `2025-01-01T10:0${id}:00.000Z`, actor: "Ada", actorId: "ada", action: "reimage", subscription: "s", target: T, instances: [`W_${id}`], operationId: null, outcome: "Succeeded", ...more,
  });
  const holdOf = (r: AuditRecord, unconfirmed: boolean): Hold => ({
    target: T, id: `audit:${r.id}`, actorId: "ada", auditId: r.id, acquiredAt: r.at, unconfirmed,
    operation: { id: "", status: "InProgress", action: r.action, instances: r.instances, requestedBy: r.actor, requestedAt: r.at, target: T, ...(unconfirmed ? { error: { code: "OutcomeUnknown", message: "may have started" } } : {}) },
  });
  const unknown = (id: number) => row(id, { outcome: "unknown", error: { code: "UpstreamTimeout", message: `the ${id} may have started` }, finishedAt: "2025-01-01T11:00:00.000Z" });
  const accepted = (id: number) => row(id, { operationId: `op${id}` });
  const none = () => undefined;

  it("keeps an action whose start was never confirmed once its hold ended: Failed, unconfirmed, with the audit's words, newest first", () => {
    const ops = listOperations({ withId: [accepted(3), accepted(1)], unknown: [unknown(2)] }, [], 20, none);
    expect(ops.map((o) => o.id || o.instances[0])).toEqual(["op3", "W_2", "op1"]);
    expect(ops[1]).toMatchObject({ id: "", status: "Failed", unconfirmed: true, error: { message: "the 2 may have started" }, requestedAt: "2025-01-01T10:02:00.000Z", target: T });
    expect(ops[0]?.unconfirmed).toBeUndefined();
  });

  it("shows a held one once, from its hold, in progress; and none whose hold is not yet marked unconfirmed", () => {
    const held = unknown(2);
    expect(listOperations({ withId: [], unknown: [held] }, [holdOf(held, true)], 20, none)).toEqual([expect.objectContaining({ status: "InProgress", unconfirmed: true })]);
    // The POST's failure is audited a moment before its hold says unconfirmed: not listed as ended meanwhile.
    expect(listOperations({ withId: [], unknown: [held] }, [holdOf(held, false)], 20, none)).toEqual([]);
  });

  it("leaves out a job's own rows, and keeps to the limit", () => {
    const ofJob = row(4, { outcome: "unknown", jobId: "j1" });
    const ops = listOperations({ withId: [accepted(3), accepted(1)], unknown: [ofJob, unknown(2)] }, [], 2, none);
    expect(ops.map((o) => o.id || o.instances[0])).toEqual(["op3", "W_2"]);
  });

  it("takes a followed operation's state from its follower", () => {
    const live = { id: "op1", status: "InProgress" as const, requestedBy: "Ada", requestedAt: "x", instances: ["W_1"], action: "reimage" as const };
    const ops = listOperations({ withId: [row(1, { operationId: "op1", outcome: "accepted" })], unknown: [] }, [], 20, (id) => (id === "op1" ? live : undefined));
    expect(ops[0]).toBe(live);
  });
});
