import type { AuditEntry, AuditOutcome, JobEventKind, OperationError } from "../../shared/api.ts";
import type { Action } from "../../shared/names.ts";
import type Database from "better-sqlite3";
import { openSqlite } from "../store/sqlite.ts";
import { foldActor } from "./actor-fold.ts";
import { migrations } from "./schema.ts";

/** A full audit row: the API's AuditEntry plus what operation tracking needs. */
export interface AuditRecord extends AuditEntry {
  actorId: string;
  /** The backend's handle on the operation (StartedOperation.handle), when it has one. */
  operationHandle?: string;
  httpStatusCode?: number;
  finishedAt?: string;
}

/** What is known of an action before it is forwarded. */
export type NewAudit = Pick<AuditRecord, "at" | "actor" | "actorId" | "action" | "subscription" | "target" | "instances" | "jobId" | "reason">;

/** A rolling job's own event: written once, final as written (no operation to follow). */
export type NewJobEvent = Omit<NewAudit, "jobId"> & { jobId: string; jobEvent: JobEventKind; outcome: AuditOutcome; error?: OperationError };

export interface AuditUpdate {
  operationId?: string;
  operationHandle?: string;
  outcome: AuditOutcome;
  error?: OperationError;
  httpStatusCode?: number;
  finishedAt?: string;
}

export interface AuditQuery {
  subscription?: string;
  /** Only rows of these subscriptions (an empty list matches nothing). */
  subscriptions?: string[];
  /** One target, by its /api path (case-insensitive). */
  target?: string;
  /** Targets whose path matches this SQL LIKE pattern (built only from validated names, no '_'). */
  targetLike?: string;
  instance?: string;
  /** Who acted: the whole display name, in any case or Unicode form (compared folded: actor-fold.ts). */
  actor?: string;
  /** Only rows with one of these outcomes (an empty list matches nothing). */
  outcomes?: readonly AuditOutcome[];
  /** Only rows older than this: an audit id, or an ISO time. */
  before?: number | string;
  limit: number;
  /** Only rows that carry an operation id (the operations list). */
  withOperation?: boolean;
}

export interface AuditStore {
  insert(row: NewAudit): number;
  insertJobEvent(row: NewJobEvent): number;
  update(id: number, change: AuditUpdate): void;
  get(id: number): AuditRecord | undefined;
  byOperation(operationId: string): AuditRecord | undefined;
  /** Rows whose outcome is not final yet (pending, accepted, InProgress), oldest first. */
  open(): AuditRecord[];
  list(query: AuditQuery): AuditRecord[];
  close(): void;
}

/**
 * An audit row as a database hands it over; `id` and `instances` differ by driver (SQLite: a number
 * and JSON text; PostgreSQL: bigint as text and a JSON array), the rest is the same in both.
 */
export interface AuditRowOf<Id, Instances> {
  id: Id;
  at: string;
  actor: string;
  actor_id: string;
  action: Action;
  subscription: string;
  target: string;
  instances: Instances;
  operation_id: string | null;
  operation_handle: string | null;
  job_id: string | null;
  job_event: JobEventKind | null;
  outcome: AuditOutcome;
  http_status: number | null;
  error_code: string | null;
  error_message: string | null;
  finished_at: string | null;
  reason: string | null;
}
type Row = AuditRowOf<number, string>;

/** A row as the record both stores answer with, once its id and instances are read. */
export function auditRecordOf<Id, Instances>(r: AuditRowOf<Id, Instances>, id: number, instances: string[]): AuditRecord {
  return {
    id,
    at: r.at,
    actor: r.actor,
    actorId: r.actor_id,
    action: r.action,
    subscription: r.subscription,
    target: r.target,
    instances,
    operationId: r.operation_id,
    operationHandle: r.operation_handle ?? undefined,
    jobId: r.job_id ?? undefined,
    jobEvent: r.job_event ?? undefined,
    outcome: r.outcome,
    error: r.error_code ? { code: r.error_code, message: r.error_message ?? "" } : undefined,
    httpStatusCode: r.http_status ?? undefined,
    finishedAt: r.finished_at ?? undefined,
    reason: r.reason ?? undefined,
  };
}

const toRecord = (r: Row): AuditRecord => auditRecordOf(r, r.id, JSON.parse(r.instances) as string[]);

/**
 * Folds the names of rows written before actor_fold existed (once: later rows are written with it).
 * By distinct name, since a log has many rows and few people.
 */
function fillActorFolds(db: Database.Database): void {
  const actors = db.prepare(`SELECT DISTINCT actor FROM audit WHERE actor_fold IS NULL`).pluck().all() as string[];
  if (actors.length === 0) return;
  const fill = db.prepare(`UPDATE audit SET actor_fold = ? WHERE actor_fold IS NULL AND actor = ?`);
  db.transaction(() => {
    for (const actor of actors) fill.run(foldActor(actor), actor);
  })();
}

/** Opens (creating if needed) the SQLite audit store at `file`. */
export function openAuditStore(file: string): AuditStore {
  const db = openSqlite(file, migrations);
  fillActorFolds(db);

  const insert = db.prepare(
    `INSERT INTO audit (at, actor, actor_fold, actor_id, action, subscription, target, instances, job_id, reason, outcome, updated_at)
     VALUES (@at, @actor, @actorFold, @actorId, @action, @subscription, @target, @instances, @jobId, @reason, 'pending', @at)`,
  );
  const insertJobEvent = db.prepare(
    `INSERT INTO audit (at, actor, actor_fold, actor_id, action, subscription, target, instances, job_id, job_event, reason, outcome, error_code, error_message, finished_at, updated_at)
     VALUES (@at, @actor, @actorFold, @actorId, @action, @subscription, @target, @instances, @jobId, @jobEvent, @reason, @outcome, @errorCode, @errorMessage, @at, @at)`,
  );
  const update = db.prepare(
    `UPDATE audit SET operation_id = COALESCE(@operationId, operation_id),
       operation_handle = COALESCE(@operationHandle, operation_handle), outcome = @outcome,
       http_status = COALESCE(@httpStatusCode, http_status), error_code = COALESCE(@errorCode, error_code),
       error_message = COALESCE(@errorMessage, error_message), finished_at = COALESCE(@finishedAt, finished_at),
       updated_at = @updatedAt
     WHERE id = @id`,
  );
  const getOne = db.prepare(`SELECT * FROM audit WHERE id = ?`);
  const byOperation = db.prepare(`SELECT * FROM audit WHERE operation_id = ? ORDER BY id DESC LIMIT 1`);
  // A job's events are never open: they name no upstream operation to follow.
  const open = db.prepare(`SELECT * FROM audit WHERE outcome IN ('pending', 'accepted', 'InProgress') AND job_event IS NULL ORDER BY id`);

  return {
    insert(row) {
      return Number(insert.run({ ...row, actorFold: foldActor(row.actor), instances: JSON.stringify(row.instances), jobId: row.jobId ?? null, reason: row.reason ?? null }).lastInsertRowid);
    },
    insertJobEvent({ error, ...row }) {
      const params = { ...row, actorFold: foldActor(row.actor), instances: JSON.stringify(row.instances), reason: row.reason ?? null, errorCode: error?.code ?? null, errorMessage: error?.message ?? null };
      return Number(insertJobEvent.run(params).lastInsertRowid);
    },
    update(id, c) {
      update.run({
        id,
        operationId: c.operationId ?? null,
        operationHandle: c.operationHandle ?? null,
        outcome: c.outcome,
        httpStatusCode: c.httpStatusCode ?? null,
        errorCode: c.error?.code ?? null,
        errorMessage: c.error?.message ?? null,
        finishedAt: c.finishedAt ?? null,
        updatedAt: new Date().toISOString(),
      });
    },
    get(id) {
      const r = getOne.get(id) as Row | undefined;
      return r && toRecord(r);
    },
    byOperation(operationId) {
      const r = byOperation.get(operationId) as Row | undefined;
      return r && toRecord(r);
    },
    open() {
      return (open.all() as Row[]).map(toRecord);
    },
    list(q) {
      const where: string[] = [];
      const params: Record<string, string | number> = { limit: q.limit };
      const add = (clause: string, name: string, value: string | number | undefined) => {
        if (value === undefined || value === "") return;
        where.push(clause);
        params[name] = value;
      };
      add("subscription = @subscription", "subscription", q.subscription);
      if (q.subscriptions) add("subscription IN (SELECT value FROM json_each(@subscriptions))", "subscriptions", JSON.stringify(q.subscriptions));
      add("target = @target COLLATE NOCASE", "target", q.target);
      // LIKE is case-insensitive for ASCII in SQLite, as Azure's names are.
      add("target LIKE @targetLike", "targetLike", q.targetLike);
      add("EXISTS (SELECT 1 FROM json_each(audit.instances) WHERE value = @instance COLLATE NOCASE)", "instance", q.instance);
      add("actor_fold = @actorFold", "actorFold", q.actor === undefined ? undefined : foldActor(q.actor));
      if (q.outcomes) add("outcome IN (SELECT value FROM json_each(@outcomes))", "outcomes", JSON.stringify(q.outcomes));
      add(typeof q.before === "number" ? "id < @before" : "at < @before", "before", q.before);
      if (q.withOperation) where.push("operation_id IS NOT NULL");
      const sql = `SELECT * FROM audit ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY id DESC LIMIT @limit`;
      return (db.prepare(sql).all(params) as Row[]).map(toRecord);
    },
    close() {
      db.close();
    },
  };
}
