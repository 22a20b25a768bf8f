import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openPostgresStore } from "../src/server/store/postgres-store.ts";
import { openSqliteStore } from "../src/server/store/sqlite-store.ts";
import type { Store } from "../src/server/store/types.ts";
import { startPostgres } from "../src/server/test/postgres.ts";

// `npm run bench` section "store": the store's added latency per action (issue 13's "done when"),
// SQLite beside PostgreSQL, one run. An action costs the store what the proxy does, in order
// (operations/actions.ts, tracker.ts): before the POST the rate counter, a look at the target's
// hold, the audit row, the hold, the operation's lease; after the POST's answer the hold's operation
// id and the audit update; at its end the outcome, the release of the hold and of the lease. Both
// flush each commit to disk as in production (SQLite synchronous=FULL; PostgreSQL's defaults);
// PostgreSQL is a local throwaway cluster on loopback, so a real deployment adds its network round
// trips (10 statements per action).

const ACTIONS = 300;
const WARMUP = 30;
const SUB = "7d9c1d9e-3c4b-4f5a-8e2d-1a2b3c4d5e6f";

interface Figures {
  beforePost: number[];
  afterPost: number[];
  total: number[];
}

async function oneAction(store: Store, i: number, f: Figures | undefined): Promise<void> {
  const target = `/api/subscriptions/${SUB}/services/svc-${i % 50}/deployments/production`;
  const at = new Date().toISOString();
  const operation = { id: "", status: "InProgress" as const, action: "reimage" as const, instances: ["Web_IN_0"], requestedBy: "Ada", requestedAt: at, target };
  const t0 = performance.now();
  await store.counters.hit("rate:actions:ada", 60_000);
  if (await store.holds.get(target)) throw new Error(`bench target ${target} was held`);
  const auditId = await store.audit.insert({ at, actor: "Ada", actorId: "ada", action: "reimage", subscription: SUB, target, instances: ["Web_IN_0"] });
  const holder = { id: `audit:${auditId}`, actorId: "ada", auditId, operation };
  const taken = await store.holds.acquire(target, holder);
  if (!taken.acquired) throw new Error(`bench target ${target} was held`);
  await store.leases.acquire(`operation:${auditId}`, "bench", 15_000);
  const t1 = performance.now();
  // (the upstream POST would be here)
  const t2 = performance.now();
  const operationId = `op-${i}`;
  await store.holds.save(target, { ...holder, operation: { ...operation, id: operationId } });
  await store.audit.update(auditId, { operationId, outcome: "accepted" });
  await store.audit.update(auditId, { outcome: "Succeeded", finishedAt: new Date().toISOString() });
  await store.holds.release(target, holder.id);
  await store.leases.release(`operation:${auditId}`, "bench");
  const t3 = performance.now();
  f?.beforePost.push(t1 - t0);
  f?.afterPost.push(t3 - t2);
  f?.total.push(t1 - t0 + (t3 - t2));
}

async function measure(store: Store): Promise<Figures> {
  for (let i = 0; i < WARMUP; i++) await oneAction(store, i, undefined);
  const f: Figures = { beforePost: [], afterPost: [], total: [] };
  for (let i = 0; i < ACTIONS; i++) await oneAction(store, WARMUP + i, f);
  return f;
}

const pct = (xs: number[], p: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
};
const ms = (x: number) => `${x.toFixed(2)} ms`.padStart(10);

export async function runStoreBench(): Promise<void> {
  console.log(`\n## store: added latency per action (${ACTIONS} sequential actions after ${WARMUP} warm-up)`);
  const dir = mkdtempSync(join(tmpdir(), "rolecall-bench-store-"));
  const results: { name: string; f: Figures }[] = [];
  try {
    const sqlite = openSqliteStore(dir);
    try {
      results.push({ name: "SQLite", f: await measure(sqlite) });
    } finally {
      await sqlite.close();
    }
    let cluster;
    try {
      cluster = await startPostgres({ durable: true });
    } catch (err) {
      console.log(`PostgreSQL: not measured (${err instanceof Error ? err.message : String(err)})`);
    }
    if (cluster) {
      try {
        const pg = await openPostgresStore({ url: await cluster.createDatabase() });
        try {
          results.push({ name: `PostgreSQL (local, started in ${cluster.startupMs} ms)`, f: await measure(pg) });
        } finally {
          await pg.close();
        }
      } finally {
        await cluster.stop();
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(`${"store".padEnd(40)}${"before POST p50".padStart(17)}${"p95".padStart(11)}${"after POST p50".padStart(16)}${"p95".padStart(11)}${"total p50".padStart(12)}${"p95".padStart(11)}`);
  for (const { name, f } of results) {
    console.log(`${name.padEnd(40)}${ms(pct(f.beforePost, 50)).padStart(17)}${ms(pct(f.beforePost, 95)).padStart(11)}${ms(pct(f.afterPost, 50)).padStart(16)}${ms(pct(f.afterPost, 95)).padStart(11)}${ms(pct(f.total, 50)).padStart(12)}${ms(pct(f.total, 95)).padStart(11)}`);
  }
  console.log("before POST: rate counter + hold look-up + audit row + hold + lease; after POST: hold's operation id + audit update, then outcome + releases.");
  const [sqlite, postgres] = results;
  if (sqlite && postgres) {
    const side = (f: Figures) => `${pct(f.total, 50).toFixed(2)} ms (p95 ${pct(f.total, 95).toFixed(2)} ms)`;
    console.log(`added latency per action, side by side: SQLite ${side(sqlite.f)} | PostgreSQL ${side(postgres.f)}`);
  }
}
