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
];
