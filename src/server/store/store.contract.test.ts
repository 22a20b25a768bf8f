import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { migrations as postgresMigrations } from "./postgres-migrations.ts";
import { auditRow, holder, implementations, OTHER_SUB, storedJob, SUB, T, T2, type StoreDatabase } from "./contract-fixtures.ts";
import type { Store } from "./types.ts";

// The Store contract (types.ts), run unchanged on SQLite and on a real PostgreSQL. "Two replicas"
// are two Store instances on one database, each with its own connections.

describe.each(implementations())("$name store", (impl) => {
  let db: StoreDatabase;
  let store: Store;
  const opened: Store[] = [];
  const open = async (on = db) => {
    const s = await on.open();
    opened.push(s);
    return s;
  };

  beforeAll(() => impl.setup(), 60_000);
  afterAll(() => impl.teardown());
  beforeEach(async () => {
    db = await impl.fresh();
    store = await open();
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((s) => s.close()));
  });

  describe("audit", () => {
    it("writes a row before the action and updates it with the outcome", async () => {
      const id = await store.audit.insert(auditRow({ jobId: "j1" }));
      expect(await store.audit.get(id)).toMatchObject({ id, outcome: "pending", operationId: null, jobId: "j1", instances: ["Web_IN_0"], actorId: "ada" });
      await store.audit.update(id, { operationId: "ab".repeat(16), operationHandle: "https://status/1", outcome: "accepted" });
      // Fields not given keep their value (COALESCE), the outcome always moves.
      await store.audit.update(id, { outcome: "Failed", httpStatusCode: 500, error: { code: "E", message: "m" }, finishedAt: "2026-01-01T00:01:00.000Z" });
      const done = await store.audit.byOperation("ab".repeat(16));
      expect(done).toMatchObject({ id, outcome: "Failed", operationHandle: "https://status/1", httpStatusCode: 500, error: { code: "E", message: "m" }, finishedAt: "2026-01-01T00:01:00.000Z" });
      expect(await store.audit.get(id + 1000)).toBeUndefined();
      expect(await store.audit.byOperation("none")).toBeUndefined();
    });

    it("lists newest first with every filter of today's AuditQuery", async () => {
      const a = await store.audit.insert(auditRow({ at: "2026-01-01T00:00:01.000Z" }));
      const b = await store.audit.insert(auditRow({ at: "2026-01-01T00:00:02.000Z", target: T2, instances: ["Role_IN_3", "Role_IN_4"] }));
      const c = await store.audit.insert(auditRow({ at: "2026-01-01T00:00:03.000Z", subscription: OTHER_SUB, target: T.replace(SUB, OTHER_SUB) }));
      await store.audit.update(b, { operationId: "op-b", outcome: "accepted" });
      const ids = async (q: Parameters<Store["audit"]["list"]>[0]) => (await store.audit.list(q)).map((r) => r.id);
      expect(await ids({ limit: 10 })).toEqual([c, b, a]);
      expect(await ids({ limit: 2 })).toEqual([c, b]);
      expect(await ids({ limit: 10, subscription: SUB })).toEqual([b, a]);
      expect(await ids({ limit: 10, subscriptions: [OTHER_SUB] })).toEqual([c]);
      expect(await ids({ limit: 10, subscriptions: [] })).toEqual([]);
      expect(await ids({ limit: 10, target: T.toUpperCase().replace("/API/", "/api/") })).toEqual([a]);
      expect(await ids({ limit: 10, targetLike: `/api/subscriptions/%/services/CONTOSO-WEB/deployments/%` })).toEqual([c, a]);
      expect(await ids({ limit: 10, instance: "role_in_4" })).toEqual([b]);
      expect(await ids({ limit: 10, before: c })).toEqual([b, a]);
      expect(await ids({ limit: 10, before: "2026-01-01T00:00:02.000Z" })).toEqual([a]);
      expect(await ids({ limit: 10, withOperation: true })).toEqual([b]);
    });

    it("keeps the person's reason, and filters by who (the whole name, any case) and by outcome", async () => {
      const a = await store.audit.insert(auditRow({ reason: "INC-4711 · API latency" }));
      const b = await store.audit.insert(auditRow({ actor: "Zoë Grant", actorId: "zoe" }));
      const c = await store.audit.insert(auditRow({ actor: "Ada Lovelace" }));
      const event = await store.audit.insertJobEvent({ ...auditRow({ reason: "patch" }), jobId: "j1", jobEvent: "started", outcome: "accepted" });
      await store.audit.update(a, { operationId: "op-a", outcome: "Failed", error: { code: "E", message: "m" } });
      await store.audit.update(b, { outcome: "rejected" });
      await store.audit.update(c, { operationId: "op-c", outcome: "Succeeded" });
      expect(await store.audit.get(a)).toMatchObject({ reason: "INC-4711 · API latency", outcome: "Failed" });
      expect((await store.audit.get(b))?.reason).toBeUndefined();
      expect(await store.audit.get(event)).toMatchObject({ jobEvent: "started", reason: "patch" });
      const ids = async (q: Omit<Parameters<Store["audit"]["list"]>[0], "limit">) => (await store.audit.list({ limit: 10, ...q })).map((r) => r.id);
      expect(await ids({ actor: "ADA" })).toEqual([event, a]);
      expect(await ids({ actor: "ada lovelace" })).toEqual([c]);
      // Beyond ASCII too: both databases fold case the same way.
      expect(await ids({ actor: "ZOË GRANT" })).toEqual([b]);
      expect(await ids({ actor: "Zoe Grant" })).toEqual([]);
      expect(await ids({ outcomes: ["Failed", "rejected", "unknown"] })).toEqual([b, a]);
      expect(await ids({ outcomes: ["accepted"], actor: "ada" })).toEqual([event]);
      expect(await ids({ outcomes: [] })).toEqual([]);
      expect(await ids({ outcomes: ["Succeeded"], before: c })).toEqual([]);
    });

    it("compares who acted folded alike on both databases: any case, composed or decomposed, never by locale", async () => {
      const composed = await store.audit.insert(auditRow({ actor: "Zo\u00EB Grant", actorId: "zoe" }));
      const decomposed = await store.audit.insert(auditRow({ actor: "Ine\u0300s Duarte", actorId: "ines" }));
      const dotted = await store.audit.insert(auditRow({ actor: "\u0130lkay \u00D6zt\u00FCrk", actorId: "ilkay" }));
      const sharp = await store.audit.insert(auditRow({ actor: "Jan Stra\u00DFe", actorId: "jan" }));
      const ids = async (actor: string) => (await store.audit.list({ limit: 10, actor })).map((r) => r.id);
      // One letter whether written as one code point or as a letter and a combining mark.
      expect(await ids("ZO\u00CB GRANT")).toEqual([composed]);
      expect(await ids("zoe\u0308 grant")).toEqual([composed]);
      expect(await ids("IN\u00C8S DUARTE")).toEqual([decomposed]);
      expect(await ids("ine\u0300s duarte")).toEqual([decomposed]);
      expect(await ids("Zoe Grant")).toEqual([]);
      // Unicode's default mapping, the same on every server: "İ" lowers to "i" with a dot above
      // (not the Turkish "i"), and "ß" stays itself (no "ss").
      expect(await ids("\u0130LKAY \u00D6ZT\u00DCRK")).toEqual([dotted]);
      expect(await ids("i\u0307lkay \u00F6zt\u00FCrk")).toEqual([dotted]);
      expect(await ids("ilkay \u00F6zt\u00FCrk")).toEqual([]);
      expect(await ids("JAN STRA\u00DFE")).toEqual([sharp]);
      expect(await ids("jan strasse")).toEqual([]);
    });

    it("open() lists unfinished actions oldest first, never job events or final rows", async () => {
      const pending = await store.audit.insert(auditRow());
      const accepted = await store.audit.insert(auditRow());
      const done = await store.audit.insert(auditRow());
      await store.audit.update(accepted, { operationId: "op", outcome: "InProgress" });
      await store.audit.update(done, { outcome: "Succeeded" });
      const event = await store.audit.insertJobEvent({ ...auditRow(), jobId: "j1", jobEvent: "paused", outcome: "accepted", error: { code: "JobPaused", message: "why" } });
      expect((await store.audit.open()).map((r) => r.id)).toEqual([pending, accepted]);
      expect(await store.audit.get(event)).toMatchObject({ jobId: "j1", jobEvent: "paused", outcome: "accepted", error: { code: "JobPaused", message: "why" }, finishedAt: auditRow().at });
    });

    it("hands out distinct ids to concurrent writers on two replicas", async () => {
      const other = await open();
      const ids = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? other : store).audit.insert(auditRow())));
      expect(new Set(ids).size).toBe(20);
    });
  });

  describe("jobs", () => {
    it("round-trips a job whole and saves changes", async () => {
      const job = storedJob("j1", { reason: "patch", actingAs: { name: "Bo", id: "bo" } });
      await store.jobs.insert(job);
      expect(await store.jobs.get("j1")).toEqual(job);
      const step = job.steps[0];
      if (!step) throw new Error("fixture has a step");
      step.state = "running";
      step.operations.push({ id: "op1", auditId: 7, instances: ["Web_IN_0"], status: "InProgress" });
      job.state = "cancelled";
      await store.jobs.save(job);
      expect(await store.jobs.get("j1")).toEqual(job);
      expect(await store.jobs.get("nope")).toBeUndefined();
    });

    it("refuses a save over a revision another replica moved on, so nobody overwrites what they did not read", async () => {
      const other = await open();
      await store.jobs.insert(storedJob("j1"));
      const mine = await store.jobs.get("j1");
      const theirs = await other.jobs.get("j1");
      if (!mine || !theirs) throw new Error("job not stored");
      theirs.state = "paused";
      expect(await other.jobs.save(theirs)).toBe(true);
      mine.waitingFor = "a tick that read the job before the pause";
      expect(await store.jobs.save(mine)).toBe(false);
      expect(mine.revision).toBe(0);
      expect(await store.jobs.get("j1")).toMatchObject({ state: "paused", revision: 1 });
      const again = await store.jobs.get("j1");
      if (!again) throw new Error("job not stored");
      expect(await store.jobs.save(again)).toBe(true);
      expect(again.revision).toBe(2);
    });

    it("lists newest first by subscription, target (any case) and states", async () => {
      await store.jobs.insert(storedJob("j1", { requestedAt: "2026-01-01T00:00:01.000Z", state: "succeeded" }));
      await store.jobs.insert(storedJob("j2", { requestedAt: "2026-01-01T00:00:02.000Z", target: T2, kind: "extended" }));
      await store.jobs.insert(storedJob("j3", { requestedAt: "2026-01-01T00:00:03.000Z", state: "paused" }));
      await store.jobs.insert(storedJob("j4", { requestedAt: "2026-01-01T00:00:04.000Z", subscription: OTHER_SUB }));
      const ids = async (q: Parameters<Store["jobs"]["list"]>[0]) => (await store.jobs.list(q)).map((j) => j.id);
      expect(await ids({ subscription: SUB, limit: 10 })).toEqual(["j3", "j2", "j1"]);
      expect(await ids({ subscription: SUB, limit: 1 })).toEqual(["j3"]);
      expect(await ids({ subscription: SUB, target: T.replace("contoso-web", "CONTOSO-WEB"), limit: 10 })).toEqual(["j3", "j1"]);
      expect(await ids({ subscription: SUB, states: ["running", "paused"], limit: 10 })).toEqual(["j3", "j2"]);
      expect(await ids({ subscription: SUB, states: [], limit: 10 })).toEqual([]);
    });

    it("open() has running and paused jobs, and finished ones with an operation still in flight, oldest first", async () => {
      await store.jobs.insert(storedJob("a", { requestedAt: "2026-01-01T00:00:03.000Z", state: "paused" }));
      await store.jobs.insert(storedJob("b", { requestedAt: "2026-01-01T00:00:01.000Z" }));
      await store.jobs.insert(storedJob("c", { requestedAt: "2026-01-01T00:00:02.000Z", state: "succeeded" }));
      const cancelled = storedJob("d", { requestedAt: "2026-01-01T00:00:04.000Z", state: "cancelled" });
      cancelled.steps[0]?.operations.push({ id: "op", auditId: 1, instances: ["Web_IN_0"], status: "InProgress" });
      await store.jobs.insert(cancelled);
      expect((await store.jobs.open()).map((j) => j.id)).toEqual(["b", "a", "d"]);
    });
  });

  describe("holds", () => {
    it("is exclusive: the second acquirer gets the holder back, whatever case it writes the target in", async () => {
      const first = await store.holds.acquire(T, holder("audit:1"));
      expect(first).toMatchObject({ acquired: true, hold: { target: T, id: "audit:1", auditId: 1 } });
      const second = await store.holds.acquire(T.toUpperCase().replace("/API/", "/api/"), holder("audit:2", { auditId: 2 }));
      expect(second).toMatchObject({ acquired: false, holder: { target: T, id: "audit:1", auditId: 1, operation: { action: "reimage", requestedBy: "Ada" } } });
      expect(await store.holds.get(T.replace("contoso-web", "Contoso-Web"))).toMatchObject({ id: "audit:1" });
      // Another target is another hold.
      expect(await store.holds.acquire(T2, holder("audit:3"))).toMatchObject({ acquired: true });
    });

    it("frees on release by its holder only, and gives the same holder its hold back", async () => {
      await store.holds.acquire(T, holder("job:j1", { jobId: "j1", auditId: undefined }));
      expect(await store.holds.acquire(T, holder("job:j1", { jobId: "j1", auditId: undefined }))).toMatchObject({ acquired: true });
      expect(await store.holds.release(T, "audit:9")).toBe(false);
      expect(await store.holds.get(T)).toMatchObject({ id: "job:j1", jobId: "j1" });
      expect(await store.holds.release(T.toUpperCase().replace("/API/", "/api/"), "job:j1")).toBe(true);
      expect(await store.holds.get(T)).toBeUndefined();
      expect(await store.holds.acquire(T, holder("audit:2"))).toMatchObject({ acquired: true, hold: { id: "audit:2" } });
    });

    it("lets the holder record the operation id for duplicates on other replicas", async () => {
      const other = await open();
      const mine = holder("audit:1");
      await store.holds.acquire(T, mine);
      const accepted = { ...mine, operation: { ...mine.operation, id: "op-1" }, handle: "https://status/1" };
      expect(await store.holds.save(T, accepted)).toBe(true);
      expect(await other.holds.acquire(T, holder("audit:2"))).toMatchObject({ acquired: false, holder: { operation: { id: "op-1" }, handle: "https://status/1" } });
      expect(await other.holds.save(T, holder("audit:2"))).toBe(false);
    });

    it("of 20 concurrent acquirers on two replicas, exactly one wins and the rest see it", async () => {
      const other = await open();
      const results = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? other : store).holds.acquire(T, holder(`audit:${i}`, { auditId: i }))));
      const winners = results.filter((r) => r.acquired);
      expect(winners).toHaveLength(1);
      const winner = winners[0]?.hold.id;
      expect(results.map((r) => (r.acquired ? r.hold.id : r.holder.id))).toEqual(results.map(() => winner));
    });

    it("expires when given a time to live, then counts as free", async () => {
      const unconfirmed = await store.holds.acquire(T, holder("audit:1", { unconfirmed: true }), 1);
      expect(unconfirmed).toMatchObject({ acquired: true, hold: { unconfirmed: true } });
      await vi.waitFor(async () => expect(await store.holds.get(T)).toBeUndefined());
      expect(await store.holds.save(T, holder("audit:1"))).toBe(false);
      expect(await store.holds.acquire(T, holder("audit:2"))).toMatchObject({ acquired: true, hold: { id: "audit:2" } });
      expect((await store.holds.get(T))?.expiresAt).toBeUndefined();
    });

    it("lists live holds, all or one subscription's", async () => {
      const other = T.replace(SUB, OTHER_SUB);
      await store.holds.acquire(T, holder("a"));
      await store.holds.acquire(T2, holder("b"), 60_000);
      await store.holds.acquire(other, holder("c"));
      // By lower-cased path: OTHER_SUB sorts first, resourcegroups before services.
      expect((await store.holds.list()).map((h) => h.id)).toEqual(["c", "b", "a"]);
      expect((await store.holds.list(SUB.toUpperCase())).map((h) => h.target)).toEqual([T2, T]);
      expect((await store.holds.list(SUB)).find((h) => h.id === "b")?.expiresAt).toMatch(/^\d{4}-.*Z$/);
    });
  });

  describe("leases", () => {
    it("is exclusive, renewed by its owner only, and released by its owner only", async () => {
      const other = await open();
      expect(await store.leases.acquire("job:j1", "replica-a", 60_000)).toBe(true);
      expect(await other.leases.acquire("job:j1", "replica-b", 60_000)).toBe(false);
      expect(await store.leases.acquire("job:j1", "replica-a", 60_000)).toBe(true);
      expect(await store.leases.renew("job:j1", "replica-a", 60_000)).toBe(true);
      expect(await other.leases.renew("job:j1", "replica-b", 60_000)).toBe(false);
      await other.leases.release("job:j1", "replica-b");
      expect(await other.leases.get("job:j1")).toMatchObject({ name: "job:j1", owner: "replica-a" });
      await store.leases.release("job:j1", "replica-a");
      expect(await store.leases.get("job:j1")).toBeUndefined();
      expect(await other.leases.acquire("job:j1", "replica-b", 60_000)).toBe(true);
    });

    it("is taken over once its owner stops renewing, and the old owner learns it lost it", async () => {
      const other = await open();
      expect(await store.leases.acquire("operation:7", "replica-a", 1)).toBe(true);
      await vi.waitFor(async () => expect(await other.leases.acquire("operation:7", "replica-b", 60_000)).toBe(true));
      expect(await store.leases.renew("operation:7", "replica-a", 60_000)).toBe(false);
      expect(await store.leases.get("operation:7")).toMatchObject({ owner: "replica-b" });
    });

    it("of 20 concurrent claims on two replicas, exactly one owner wins", async () => {
      const other = await open();
      const won = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? other : store).leases.acquire("job:j9", `replica-${i}`, 60_000)));
      expect(won.filter(Boolean)).toHaveLength(1);
    });
  });

  describe("rate counters", () => {
    it("count one window across replicas, per key", async () => {
      const other = await open();
      const counts = [];
      for (const s of [store, store, other, store, other]) counts.push((await s.counters.hit("actions:ada", 60_000)).count);
      expect(counts).toEqual([1, 2, 3, 4, 5]);
      expect((await other.counters.hit("actions:bo", 60_000)).count).toBe(1);
      const { resetInMs } = await store.counters.hit("actions:ada", 60_000);
      expect(resetInMs).toBeGreaterThan(50_000);
      expect(resetInMs).toBeLessThanOrEqual(60_000);
    });

    it("count exactly under concurrent hits, and start again in a new window", async () => {
      const other = await open();
      const counts = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? other : store).counters.hit("k", 60_000)));
      expect(counts.map((c) => c.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      await store.counters.hit("short", 1);
      await vi.waitFor(async () => expect((await store.counters.hit("short", 1)).count).toBe(1));
    });
  });

  describe("opening", () => {
    it("applies the schema once when replicas open one fresh database at the same moment", async () => {
      const fresh = await impl.fresh();
      const stores = await Promise.all(Array.from({ length: 4 }, () => open(fresh)));
      await stores[0]?.audit.insert(auditRow());
      expect(await stores[3]?.audit.list({ limit: 5 })).toHaveLength(1);
      const applied = await fresh.applied();
      if (impl.name === "postgres") expect(applied).toEqual(postgresMigrations.map((_, i) => i + 1));
      else expect(applied.every((v) => v > 0)).toBe(true);
      // Opening again changes nothing.
      await open(fresh);
      expect(await fresh.applied()).toEqual(applied);
    });

    it("keeps every audit row and its id when the reason column is added to an existing database", async () => {
      const old = await impl.fresh();
      const id = await old.legacyAuditRow();
      const upgraded = await open(old);
      const kept = await upgraded.audit.get(id);
      expect(kept).toMatchObject({ id, actor: "Ada", action: "reimage", outcome: "Succeeded", instances: ["Web_IN_0"], target: T });
      expect(kept?.reason).toBeUndefined();
      const next = await upgraded.audit.insert(auditRow({ reason: "INC-1" }));
      expect(next).toBeGreaterThan(id);
      expect((await upgraded.audit.list({ limit: 5 })).map((r) => [r.id, r.reason])).toEqual([[next, "INC-1"], [id, undefined]]);
      // The rows written before are found by who acted, as new ones are.
      expect((await upgraded.audit.list({ limit: 5, actor: "ADA" })).map((r) => r.id)).toEqual([next, id]);
    });

    it("answers ping while open, and refuses after close (twice is fine)", async () => {
      await expect(store.ping()).resolves.toBeUndefined();
      await store.close();
      await store.close();
      await expect(store.ping()).rejects.toThrow();
    });
  });
});
