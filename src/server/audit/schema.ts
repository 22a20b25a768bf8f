// The audit table. One row per action request; the row is written before the action is forwarded
// and updated in place as the outcome becomes known. Version bumps add migrations below.
export const migrations: string[] = [
  `CREATE TABLE audit (
     id            INTEGER PRIMARY KEY AUTOINCREMENT,
     at            TEXT    NOT NULL,            -- ISO time the request reached Rolecall
     actor         TEXT    NOT NULL,            -- display name
     actor_id      TEXT    NOT NULL,            -- stable id (object id when signed in)
     action        TEXT    NOT NULL,
     subscription  TEXT    NOT NULL,
     service       TEXT    NOT NULL,
     slot          TEXT    NOT NULL,
     instances     TEXT    NOT NULL,            -- JSON array of instance names
     operation_id  TEXT,                        -- upstream x-ms-request-id, once known
     outcome       TEXT    NOT NULL,            -- pending | accepted | InProgress | Succeeded | Failed | rejected | unknown
     http_status   INTEGER,                     -- HttpStatusCode of the finished operation
     error_code    TEXT,
     error_message TEXT,
     finished_at   TEXT,
     updated_at    TEXT    NOT NULL
   )`,
  `CREATE INDEX audit_operation ON audit (operation_id)`,
  `CREATE INDEX audit_open ON audit (outcome) WHERE outcome IN ('pending', 'accepted', 'InProgress')`,
  `CREATE INDEX audit_service ON audit (subscription, service, slot, id)`,
  // Targets of every kind (DESIGN.md §3): service and slot become the target's /api path. The table
  // is rebuilt (SQLite cannot drop NOT NULL columns in place); every row and id is kept.
  `CREATE TABLE audit_v2 (
     id            INTEGER PRIMARY KEY AUTOINCREMENT,
     at            TEXT    NOT NULL,
     actor         TEXT    NOT NULL,
     actor_id      TEXT    NOT NULL,
     action        TEXT    NOT NULL,
     subscription  TEXT    NOT NULL,
     target        TEXT    NOT NULL,            -- the target's /api path, e.g. /api/subscriptions/…/services/…/deployments/production
     instances     TEXT    NOT NULL,
     operation_id  TEXT,
     outcome       TEXT    NOT NULL,
     http_status   INTEGER,
     error_code    TEXT,
     error_message TEXT,
     finished_at   TEXT,
     updated_at    TEXT    NOT NULL
   )`,
  `INSERT INTO audit_v2 (id, at, actor, actor_id, action, subscription, target, instances, operation_id, outcome, http_status, error_code, error_message, finished_at, updated_at)
   SELECT id, at, actor, actor_id, action, subscription,
          '/api/subscriptions/' || subscription || '/services/' || service || '/deployments/' || slot,
          instances, operation_id, outcome, http_status, error_code, error_message, finished_at, updated_at
   FROM audit`,
  // Ids are never reused: the new table continues from the old one's high-water mark, not its max id.
  `DELETE FROM sqlite_sequence WHERE name = 'audit_v2'`,
  `INSERT INTO sqlite_sequence (name, seq) SELECT 'audit_v2', seq FROM sqlite_sequence WHERE name = 'audit'`,
  `DROP TABLE audit`,
  `ALTER TABLE audit_v2 RENAME TO audit`,
  `CREATE INDEX audit_operation ON audit (operation_id)`,
  `CREATE INDEX audit_open ON audit (outcome) WHERE outcome IN ('pending', 'accepted', 'InProgress')`,
  `CREATE INDEX audit_target ON audit (target COLLATE NOCASE, id)`,
  `CREATE INDEX audit_subscription ON audit (subscription, id)`,
  // What a backend needs to read an operation's status after a restart (ARM: the status URL).
  `ALTER TABLE audit ADD COLUMN operation_handle TEXT`,
  // The rolling job a step's action belongs to.
  `ALTER TABLE audit ADD COLUMN job_id TEXT`,
  // A rolling job's own events (started, paused, …): rows without an upstream call of their own.
  `ALTER TABLE audit ADD COLUMN job_event TEXT`,
  // Why the person acted (their words, a ticket): given with the action, or its job's reason.
  `ALTER TABLE audit ADD COLUMN reason TEXT`,
  // Who acted, folded for comparison (actor-fold.ts: computed in JavaScript, so both databases agree).
  // Existing rows get theirs when the store opens (openAuditStore), which SQL alone cannot compute.
  `ALTER TABLE audit ADD COLUMN actor_fold TEXT`,
  `CREATE INDEX audit_actor ON audit (actor_fold, id)`,
];
