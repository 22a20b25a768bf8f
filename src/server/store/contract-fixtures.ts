import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { migrations as sqliteAuditMigrations } from "../audit/schema.ts";
import type { NewAudit } from "../audit/store.ts";
import type { StoredJob } from "../jobs/store.ts";
import { startPostgres, type PostgresCluster } from "../test/postgres.ts";
import { openStore } from "./open-store.ts";
import { migrate, migrations as postgresMigrations } from "./postgres-migrations.ts";
import type { HoldInput, Store } from "./types.ts";

// What the store contract tests run on: each implementation opens fresh, empty databases, and any
// number of Store instances on one of them (two replicas). Test-only.

export const SUB = "7d9c1d9e-3c4b-4f5a-8e2d-1a2b3c4d5e6f";
export const OTHER_SUB = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
export const T = `/api/subscriptions/${SUB}/services/contoso-web/deployments/production`;
export const T2 = `/api/subscriptions/${SUB}/resourceGroups/rg/cloudServices/Contoso-Ext`;

export const auditRow = (over: Partial<NewAudit> = {}): NewAudit => ({
  at: "2026-01-01T00:00:00.000Z",
  actor: "Ada",
  actorId: "ada",
  action: "reimage",
  subscription: SUB,
  target: T,
  instances: ["Web_IN_0"],
  ...over,
});

export const storedJob = (id: string, over: Partial<StoredJob> = {}): StoredJob => ({
  id,
  subscription: SUB,
  target: T,
  kind: "classic",
  action: "reboot",
  state: "running",
  batch: "upgradeDomain",
  minReadyPercent: 50,
  readyTimeoutSec: 900,
  soakSec: 0,
  steps: [{ index: 0, upgradeDomain: 0, instances: ["Web_IN_0"], state: "pending", operationIds: [], operations: [] }],
  requestedBy: "Ada",
  requestedById: "ada",
  requestedAt: "2026-01-01T00:00:00.000Z",
  events: [],
  ...over,
});

export const holder = (id: string, over: Partial<HoldInput> = {}): HoldInput => ({
  id,
  actorId: "ada",
  auditId: 1,
  operation: { id: "", status: "InProgress", action: "reimage", instances: ["Web_IN_0"], requestedBy: "Ada", requestedAt: "2026-01-01T00:00:00.000Z", target: T },
  ...over,
});

export interface StoreDatabase {
  open(): Promise<Store>;
  /** Schema versions recorded as applied, in order, one entry per application. */
  applied(): Promise<number[]>;
  /**
   * Builds the audit table as the release before the reason column left it, with one finished row
   * in it (Ada's reimage, Succeeded); its id. Only on a fresh database, before `open`.
   */
  legacyAuditRow(): Promise<number>;
}

const LEGACY_ROW = { at: "2025-12-31T00:00:00.000Z", actor: "Ada", actor_id: "ada", action: "reimage", target: T, instances: '["Web_IN_0"]', outcome: "Succeeded" };

export interface Implementation {
  name: "sqlite" | "postgres";
  setup(): Promise<void>;
  teardown(): Promise<void>;
  fresh(): Promise<StoreDatabase>;
}

function sqlite(): Implementation {
  const dirs: string[] = [];
  const userVersion = (file: string) => {
    const db = new Database(file, { readonly: true });
    try {
      return db.pragma("user_version", { simple: true }) as number;
    } finally {
      db.close();
    }
  };
  return {
    name: "sqlite",
    setup: () => Promise.resolve(),
    teardown: () => {
      for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
      return Promise.resolve();
    },
    fresh: () => {
      const dir = mkdtempSync(join(tmpdir(), "rolecall-store-"));
      dirs.push(dir);
      return Promise.resolve({
        open: () => openStore({ dataDir: dir }),
        applied: () => Promise.resolve(["audit", "jobs", "locks"].map((f) => userVersion(join(dir, `${f}.sqlite`)))),
        legacyAuditRow: () => {
          const before = sqliteAuditMigrations.findIndex((sql) => sql.includes("ADD COLUMN reason"));
          const db = new Database(join(dir, "audit.sqlite"));
          try {
            for (const sql of sqliteAuditMigrations.slice(0, before)) db.exec(sql);
            db.pragma(`user_version = ${before}`);
            const r = db
              .prepare(`INSERT INTO audit (at, actor, actor_id, action, subscription, target, instances, outcome, updated_at) VALUES (@at, @actor, @actor_id, @action, @sub, @target, @instances, @outcome, @at)`)
              .run({ ...LEGACY_ROW, sub: SUB });
            return Promise.resolve(Number(r.lastInsertRowid));
          } finally {
            db.close();
          }
        },
      });
    },
  };
}

function postgres(): Implementation {
  let cluster: PostgresCluster | undefined;
  // Kept and thrown by every test (rather than by beforeAll, which vitest reports as skipped tests):
  // without PostgreSQL each PostgreSQL test fails, naming the apt-get command.
  let failed: Error | undefined;
  const started = () => {
    if (failed !== undefined) throw failed;
    if (!cluster) throw new Error("the test PostgreSQL is not started");
    return cluster;
  };
  return {
    name: "postgres",
    setup: async () => {
      try {
        cluster = await startPostgres();
        console.log(`test PostgreSQL ready in ${cluster.startupMs} ms on port ${cluster.port}`);
      } catch (err) {
        failed = err instanceof Error ? err : new Error(String(err));
      }
    },
    teardown: async () => cluster?.stop(),
    fresh: async () => {
      const url = await started().createDatabase();
      return {
        // The data dir must not matter when a database URL is given.
        open: () => openStore({ databaseUrl: url, dataDir: "/nonexistent" }),
        legacyAuditRow: async () => {
          const pool = new pg.Pool({ connectionString: url, max: 1 });
          try {
            await migrate(pool, postgresMigrations.findIndex((m) => m.name.startsWith("audit reason")));
            const r = await pool.query<{ id: string }>(
              `INSERT INTO audit (at, actor, actor_id, action, subscription, target, instances, outcome) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
              [LEGACY_ROW.at, LEGACY_ROW.actor, LEGACY_ROW.actor_id, LEGACY_ROW.action, SUB, LEGACY_ROW.target, LEGACY_ROW.instances, LEGACY_ROW.outcome],
            );
            return Number(r.rows[0]?.id);
          } finally {
            await pool.end();
          }
        },
        applied: async () => {
          const client = new pg.Client({ connectionString: url });
          await client.connect();
          try {
            return (await client.query<{ version: number }>("SELECT version FROM schema_migrations ORDER BY version")).rows.map((r) => r.version);
          } finally {
            await client.end();
          }
        },
      };
    },
  };
}

export const implementations = (): Implementation[] => [sqlite(), postgres()];
