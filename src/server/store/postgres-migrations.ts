import type pg from "pg";
import { foldActor } from "../audit/actor-fold.ts";

interface Migration {
  name: string;
  sql: string;
  /**
   * Fills what SQL cannot compute, in JavaScript, after `sql` and again at every start (rows that a
   * replica of the release before wrote meanwhile, during a rolling upgrade, lack it): idempotent.
   */
  fill?: (client: pg.PoolClient) => Promise<void>;
}

// The PostgreSQL schema, one migration per entry; the position is the version. Never edit an
// applied entry: append. Text columns that are compared or sorted are COLLATE "C" so that order is
// byte order, as in SQLite (ISO times compare as text; a database made with en_US.UTF-8 would
// otherwise sort by its locale's rules). Times the app writes stay text, exactly as written.
export const migrations: readonly Migration[] = [
  {
    name: "audit",
    sql: `CREATE TABLE audit (
      id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      at               text COLLATE "C" NOT NULL,
      actor            text NOT NULL,
      actor_id         text NOT NULL,
      action           text NOT NULL,
      subscription     text COLLATE "C" NOT NULL,
      target           text NOT NULL,
      instances        jsonb NOT NULL,
      operation_id     text COLLATE "C",
      operation_handle text,
      job_id           text,
      job_event        text,
      outcome          text NOT NULL,
      http_status      integer,
      error_code       text,
      error_message    text,
      finished_at      text,
      updated_at       timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX audit_operation ON audit (operation_id);
    CREATE INDEX audit_open ON audit (id) WHERE outcome IN ('pending', 'accepted', 'InProgress') AND job_event IS NULL;
    CREATE INDEX audit_target ON audit (lower(target), id);
    CREATE INDEX audit_subscription ON audit (subscription, id);`,
  },
  {
    name: "jobs",
    sql: `CREATE TABLE jobs (
      id           text COLLATE "C" PRIMARY KEY,
      subscription text COLLATE "C" NOT NULL,
      target       text NOT NULL,
      state        text NOT NULL,
      requested_at text COLLATE "C" NOT NULL,
      in_flight    boolean NOT NULL DEFAULT false,
      body         jsonb NOT NULL,
      updated_at   timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX jobs_subscription ON jobs (subscription, requested_at);
    CREATE INDEX jobs_target ON jobs (lower(target), requested_at);
    CREATE INDEX jobs_open ON jobs (requested_at) WHERE state IN ('running', 'paused') OR in_flight;`,
  },
  {
    // The key is the target's path lower-cased: Azure's names are case-insensitive, and the primary
    // key is what makes one hold per target hold across replicas.
    name: "holds, leases, rate counters",
    sql: `CREATE TABLE holds (
      key         text COLLATE "C" PRIMARY KEY,
      target      text NOT NULL,
      holder_id   text NOT NULL,
      body        jsonb NOT NULL,
      acquired_at timestamptz NOT NULL,
      expires_at  timestamptz
    );
    CREATE TABLE leases (
      name       text COLLATE "C" PRIMARY KEY,
      owner      text NOT NULL,
      expires_at timestamptz NOT NULL
    );
    CREATE TABLE rate_counters (
      key       text COLLATE "C" PRIMARY KEY,
      count     integer NOT NULL,
      resets_at timestamptz NOT NULL
    );`,
  },
  {
    // Why the person acted (their words, a ticket). Adding nullable columns keeps every row as it
    // is. Who acted, folded for comparison (actor-fold.ts): computed in JavaScript, since lower() and
    // normalize() here follow the database's locale and SQLite's do not.
    name: "audit reason, actor fold",
    sql: `ALTER TABLE audit ADD COLUMN reason text;
    ALTER TABLE audit ADD COLUMN actor_fold text COLLATE "C";
    CREATE INDEX audit_actor ON audit (actor_fold, id);`,
    fill: fillActorFolds,
  },
];

/** Folds the names of rows that lack it, by distinct name (a log has many rows and few people). */
async function fillActorFolds(client: pg.PoolClient): Promise<void> {
  const { rows } = await client.query<{ actor: string }>("SELECT DISTINCT actor FROM audit WHERE actor_fold IS NULL");
  if (rows.length === 0) return;
  const actors = rows.map((r) => r.actor);
  await client.query(
    `UPDATE audit SET actor_fold = f.fold FROM unnest($1::text[], $2::text[]) AS f(actor, fold)
     WHERE audit.actor_fold IS NULL AND audit.actor = f.actor`,
    [actors, actors.map(foldActor)],
  );
}

/** Any fixed 64-bit number; only Rolecall's starters take this advisory lock. */
const MIGRATION_LOCK = 7_263_540_211_913_001n;

/**
 * Brings the database to the last migration. Replicas starting together queue on a
 * transaction-scoped advisory lock taken before anything is read or created, so exactly one applies
 * each migration and the others find it done; the lock goes with the transaction, even if the
 * process dies. Pending migrations commit together with their version rows, or not at all
 * (PostgreSQL's DDL is transactional). `upTo`: stop after that many (tests build an older schema).
 */
export async function migrate(pool: pg.Pool, upTo = migrations.length): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    // The pool's statement timeout is for requests: a replica waiting for another's migration, or a
    // migration rebuilding a large table, must not give up half way.
    await client.query("SET LOCAL statement_timeout = 0");
    await client.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK.toString()]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version    integer PRIMARY KEY,
      name       text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const { rows } = await client.query<{ version: number | null }>("SELECT max(version) AS version FROM schema_migrations");
    const applied = rows[0]?.version ?? 0;
    if (applied > migrations.length) {
      throw new Error(`the database's schema is version ${applied}, newer than this Rolecall knows (${migrations.length}): run the newer release, or a database of its own`);
    }
    for (const [index, m] of migrations.slice(0, upTo).entries()) {
      if (index >= applied) {
        await client.query(m.sql);
        await client.query("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", [index + 1, m.name]);
      }
      await m.fill?.(client);
    }
    await client.query("COMMIT");
  } catch (err) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}
