import { openSqlite } from "./sqlite.ts";
import { holdBody, holdKey, subscriptionPrefix, type Hold, type HoldInput, type StoreCounters, type StoreHolds, type StoreLeases } from "./types.ts";

// Holds, leases and rate counters for the embedded store. One process normally owns the file, but
// every write is still a single conditional statement (an upsert with RETURNING), so two processes
// sharing the file would stay exact too. Times are epoch milliseconds of this process's clock.
const migrations = [
  `CREATE TABLE holds (
     key         TEXT    PRIMARY KEY,           -- the target's path, lower-cased
     target      TEXT    NOT NULL,
     holder_id   TEXT    NOT NULL,
     body        TEXT    NOT NULL,              -- HoldInput as JSON
     acquired_at INTEGER NOT NULL,
     expires_at  INTEGER                        -- NULL: until released
   )`,
  `CREATE TABLE leases (
     name       TEXT    PRIMARY KEY,
     owner      TEXT    NOT NULL,
     expires_at INTEGER NOT NULL
   )`,
  `CREATE TABLE rate_counters (
     key       TEXT    PRIMARY KEY,
     count     INTEGER NOT NULL,
     resets_at INTEGER NOT NULL
   )`,
];
export const lockMigrationCount = migrations.length;

interface HoldRow {
  target: string;
  body: string;
  acquired_at: number;
  expires_at: number | null;
}

const toHold = (r: HoldRow): Hold => ({
  ...(JSON.parse(r.body) as HoldInput),
  target: r.target,
  acquiredAt: new Date(r.acquired_at).toISOString(),
  ...(r.expires_at === null ? {} : { expiresAt: new Date(r.expires_at).toISOString() }),
});

/** Runs a synchronous store call as the async contract wants it: a throw becomes a rejection. */
export const settle = <T>(fn: () => T): Promise<T> => new Promise((resolve) => resolve(fn()));

export interface SqliteLocks {
  holds: StoreHolds;
  leases: StoreLeases;
  counters: StoreCounters;
  ping(): void;
  close(): void;
}

export function openSqliteLocks(file: string): SqliteLocks {
  const db = openSqlite(file, migrations);
  const live = `(expires_at IS NULL OR expires_at > @now)`;
  // Free, expired, or already this holder's: the row becomes ours; otherwise nothing comes back.
  const acquireHold = db.prepare(
    `INSERT INTO holds (key, target, holder_id, body, acquired_at, expires_at) VALUES (@key, @target, @id, @body, @now, @expiresAt)
     ON CONFLICT (key) DO UPDATE SET target = excluded.target, holder_id = excluded.holder_id, body = excluded.body,
       acquired_at = excluded.acquired_at, expires_at = excluded.expires_at
     WHERE holds.holder_id = excluded.holder_id OR NOT (holds.expires_at IS NULL OR holds.expires_at > @now)
     RETURNING target, body, acquired_at, expires_at`,
  );
  const getHold = db.prepare(`SELECT target, body, acquired_at, expires_at FROM holds WHERE key = @key AND ${live}`);
  const saveHold = db.prepare(`UPDATE holds SET body = @body, expires_at = @expiresAt WHERE key = @key AND holder_id = @id AND ${live}`);
  const releaseHold = db.prepare(`DELETE FROM holds WHERE key = ? AND holder_id = ?`);
  const listHolds = db.prepare(`SELECT target, body, acquired_at, expires_at FROM holds WHERE substr(key, 1, length(@prefix)) = @prefix AND ${live} ORDER BY key`);

  const acquireLease = db.prepare(
    `INSERT INTO leases (name, owner, expires_at) VALUES (@name, @owner, @expiresAt)
     ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
     WHERE leases.owner = excluded.owner OR leases.expires_at <= @now
     RETURNING owner`,
  );
  const renewLease = db.prepare(`UPDATE leases SET expires_at = @expiresAt WHERE name = @name AND owner = @owner AND expires_at > @now`);
  const releaseLease = db.prepare(`DELETE FROM leases WHERE name = ? AND owner = ?`);
  const getLease = db.prepare(`SELECT name, owner, expires_at FROM leases WHERE name = @name AND expires_at > @now`);

  const hit = db.prepare(
    `INSERT INTO rate_counters (key, count, resets_at) VALUES (@key, 1, @resetsAt)
     ON CONFLICT (key) DO UPDATE SET
       count = CASE WHEN rate_counters.resets_at <= @now THEN 1 ELSE rate_counters.count + 1 END,
       resets_at = CASE WHEN rate_counters.resets_at <= @now THEN excluded.resets_at ELSE rate_counters.resets_at END
     RETURNING count, resets_at`,
  );

  const expiry = (now: number, ttlMs: number | undefined) => (ttlMs === undefined ? null : now + ttlMs);
  const body = (holder: HoldInput) => JSON.stringify(holdBody(holder));

  const holds: StoreHolds = {
    acquire: (target, holder, ttlMs) =>
      settle(() => {
        const now = Date.now();
        const params = { key: holdKey(target), target, id: holder.id, body: body(holder), now, expiresAt: expiry(now, ttlMs) };
        const taken = acquireHold.get(params) as HoldRow | undefined;
        if (taken) return { acquired: true, hold: toHold(taken) };
        // Same `now`, nothing awaited in between: the row that refused us is still there.
        const current = getHold.get({ key: params.key, now }) as HoldRow | undefined;
        if (!current) throw new Error(`the hold on ${target} was neither taken nor held`);
        return { acquired: false, holder: toHold(current) };
      }),
    save: (target, holder, ttlMs) =>
      settle(() => {
        const now = Date.now();
        return saveHold.run({ key: holdKey(target), id: holder.id, body: body(holder), now, expiresAt: expiry(now, ttlMs) }).changes > 0;
      }),
    release: (target, holderId) => settle(() => releaseHold.run(holdKey(target), holderId).changes > 0),
    get: (target) =>
      settle(() => {
        const r = getHold.get({ key: holdKey(target), now: Date.now() }) as HoldRow | undefined;
        return r && toHold(r);
      }),
    list: (subscription) =>
      settle(() => {
        const prefix = subscription === undefined ? "" : subscriptionPrefix(subscription);
        return (listHolds.all({ prefix, now: Date.now() }) as HoldRow[]).map(toHold);
      }),
  };

  const leases: StoreLeases = {
    acquire: (name, owner, ttlMs) =>
      settle(() => {
        const now = Date.now();
        return acquireLease.get({ name, owner, now, expiresAt: now + ttlMs }) !== undefined;
      }),
    renew: (name, owner, ttlMs) =>
      settle(() => {
        const now = Date.now();
        return renewLease.run({ name, owner, now, expiresAt: now + ttlMs }).changes > 0;
      }),
    release: (name, owner) => settle(() => void releaseLease.run(name, owner)),
    get: (name) =>
      settle(() => {
        const r = getLease.get({ name, now: Date.now() }) as { name: string; owner: string; expires_at: number } | undefined;
        return r && { name: r.name, owner: r.owner, expiresAt: new Date(r.expires_at).toISOString() };
      }),
  };

  const counters: StoreCounters = {
    hit: (key, windowMs) =>
      settle(() => {
        const now = Date.now();
        const r = hit.get({ key, now, resetsAt: now + windowMs }) as { count: number; resets_at: number };
        return { count: r.count, resetInMs: Math.max(0, r.resets_at - now) };
      }),
  };

  return {
    holds,
    leases,
    counters,
    ping: () => void db.prepare("SELECT 1").get(),
    close: () => db.close(),
  };
}
