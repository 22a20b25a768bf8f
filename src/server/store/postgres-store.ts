import pg from "pg";
import { migrate } from "./postgres-migrations.ts";
import { postgresAudit, postgresJobs } from "./postgres-rows.ts";
import { holdBody, holdKey, subscriptionPrefix, type Hold, type HoldInput, type Store, type StoreCounters, type StoreHolds, type StoreLeases, type StoreLog } from "./types.ts";

// The shared store of replicas. Every decision that must be one across replicas (who holds a
// target, who owns a lease, how many actions a person sent) is one conditional statement on a
// primary key, so PostgreSQL's row locking makes it, not the replicas. Times are the database's
// clock (now()), so replicas whose clocks disagree still agree on expiry.

export interface PostgresStoreOptions {
  /** postgres://user:password@host:port/database (libpq's URL form; ?sslmode= and the like are honoured). */
  url: string;
  log?: StoreLog;
  /** Connections per replica (default 10): actions, pollers and jobs each hold one only per statement. */
  poolSize?: number;
}

/** The URL without its password, for messages and logs. */
export function describeDatabaseUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.username ? `${decodeURIComponent(u.username)}@` : ""}${u.host}${u.pathname}`;
  } catch {
    return "(a URL that does not parse)";
  }
}

interface HoldRow {
  target: string;
  body: HoldInput;
  acquired_at: Date;
  expires_at: Date | null;
}

const toHold = (r: HoldRow): Hold => ({
  ...r.body,
  target: r.target,
  acquiredAt: r.acquired_at.toISOString(),
  ...(r.expires_at ? { expiresAt: r.expires_at.toISOString() } : {}),
});

const HOLD = "target, body, acquired_at, expires_at";
const LIVE = "(expires_at IS NULL OR expires_at > now())";
/** ttl in ms → the expiry instant by the database's clock (NULL ms: none). */
const expiry = (p: string) => `now() + ${p}::double precision * interval '1 millisecond'`;

function postgresHolds(pool: pg.Pool): StoreHolds {
  const get = async (key: string) => {
    const { rows } = await pool.query<HoldRow>(`SELECT ${HOLD} FROM holds WHERE key = $1 AND ${LIVE}`, [key]);
    return rows[0] && toHold(rows[0]);
  };
  return {
    async acquire(target, holder, ttlMs) {
      const key = holdKey(target);
      // The holder can release between our refused insert and our read: then the target is free,
      // and the next round takes it (or meets whoever took it meanwhile).
      for (let round = 0; round < 10; round++) {
        const taken = await pool.query<HoldRow>(
          `INSERT INTO holds (key, target, holder_id, body, acquired_at, expires_at) VALUES ($1, $2, $3, $4, now(), ${expiry("$5")})
           ON CONFLICT (key) DO UPDATE SET target = EXCLUDED.target, holder_id = EXCLUDED.holder_id, body = EXCLUDED.body,
             acquired_at = EXCLUDED.acquired_at, expires_at = EXCLUDED.expires_at
           WHERE holds.holder_id = EXCLUDED.holder_id OR holds.expires_at <= now()
           RETURNING ${HOLD}`,
          [key, target, holder.id, JSON.stringify(holdBody(holder)), ttlMs ?? null],
        );
        if (taken.rows[0]) return { acquired: true, hold: toHold(taken.rows[0]) };
        const current = await get(key);
        if (current) return { acquired: false, holder: current };
      }
      throw new Error(`the hold on ${target} changed hands too often to be taken`);
    },
    async save(target, holder, ttlMs) {
      const { rowCount } = await pool.query(`UPDATE holds SET body = $3, expires_at = ${expiry("$4")} WHERE key = $1 AND holder_id = $2 AND ${LIVE}`, [
        holdKey(target),
        holder.id,
        JSON.stringify(holdBody(holder)),
        ttlMs ?? null,
      ]);
      return (rowCount ?? 0) > 0;
    },
    async release(target, holderId) {
      const { rowCount } = await pool.query(`DELETE FROM holds WHERE key = $1 AND holder_id = $2`, [holdKey(target), holderId]);
      return (rowCount ?? 0) > 0;
    },
    get: (target) => get(holdKey(target)),
    async list(subscription) {
      const prefix = subscription === undefined ? "" : subscriptionPrefix(subscription);
      const { rows } = await pool.query<HoldRow>(`SELECT ${HOLD} FROM holds WHERE starts_with(key, $1) AND ${LIVE} ORDER BY key`, [prefix]);
      return rows.map(toHold);
    },
  };
}

function postgresLeases(pool: pg.Pool): StoreLeases {
  return {
    async acquire(name, owner, ttlMs) {
      const { rowCount } = await pool.query(
        `INSERT INTO leases (name, owner, expires_at) VALUES ($1, $2, ${expiry("$3")})
         ON CONFLICT (name) DO UPDATE SET owner = EXCLUDED.owner, expires_at = EXCLUDED.expires_at
         WHERE leases.owner = EXCLUDED.owner OR leases.expires_at <= now()`,
        [name, owner, ttlMs],
      );
      return (rowCount ?? 0) > 0;
    },
    async renew(name, owner, ttlMs) {
      const { rowCount } = await pool.query(`UPDATE leases SET expires_at = ${expiry("$3")} WHERE name = $1 AND owner = $2 AND expires_at > now()`, [name, owner, ttlMs]);
      return (rowCount ?? 0) > 0;
    },
    async release(name, owner) {
      await pool.query(`DELETE FROM leases WHERE name = $1 AND owner = $2`, [name, owner]);
    },
    async get(name) {
      const { rows } = await pool.query<{ owner: string; expires_at: Date }>(`SELECT owner, expires_at FROM leases WHERE name = $1 AND expires_at > now()`, [name]);
      const r = rows[0];
      return r && { name, owner: r.owner, expiresAt: r.expires_at.toISOString() };
    },
  };
}

function postgresCounters(pool: pg.Pool): StoreCounters {
  return {
    async hit(key, windowMs) {
      const { rows } = await pool.query<{ count: number; reset_in_ms: number }>(
        `INSERT INTO rate_counters (key, count, resets_at) VALUES ($1, 1, ${expiry("$2")})
         ON CONFLICT (key) DO UPDATE SET
           count = CASE WHEN rate_counters.resets_at <= now() THEN 1 ELSE rate_counters.count + 1 END,
           resets_at = CASE WHEN rate_counters.resets_at <= now() THEN EXCLUDED.resets_at ELSE rate_counters.resets_at END
         RETURNING count, GREATEST(0, ceil(extract(epoch FROM resets_at - now()) * 1000))::integer AS reset_in_ms`,
        [key, windowMs],
      );
      const r = rows[0];
      if (!r) throw new Error("the rate counter upsert returned no row");
      return { count: r.count, resetInMs: r.reset_in_ms };
    },
  };
}

/** Connects, brings the schema up to date (safely beside other replicas doing the same), and answers. */
export async function openPostgresStore(options: PostgresStoreOptions): Promise<Store> {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize ?? 10,
    application_name: "rolecall",
    connectionTimeoutMillis: 10_000,
    // A statement stuck behind a lock must fail the request, not hang it (and its hold) forever.
    statement_timeout: 30_000,
  });
  // Without a listener, an idle connection that the server drops would crash the process.
  pool.on("error", (err) => options.log?.warn({ err: err.message }, "an idle PostgreSQL connection failed; the pool opens another"));
  try {
    await migrate(pool);
  } catch (err) {
    await pool.end();
    const why = err instanceof Error ? err.message : String(err);
    throw new Error(`could not open the PostgreSQL store at ${describeDatabaseUrl(options.url)}: ${why}`, { cause: err });
  }
  let closing: Promise<void> | undefined;
  return {
    kind: "postgres",
    audit: postgresAudit(pool),
    jobs: postgresJobs(pool),
    holds: postgresHolds(pool),
    leases: postgresLeases(pool),
    counters: postgresCounters(pool),
    async ping() {
      await pool.query("SELECT 1");
    },
    close: () => (closing ??= pool.end()),
  };
}
