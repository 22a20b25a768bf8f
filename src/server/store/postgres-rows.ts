import type pg from "pg";
import { foldActor } from "../audit/actor-fold.ts";
import { auditRecordOf, type AuditRecord, type AuditRowOf } from "../audit/store.ts";
import { jobInFlight, type StoredJob } from "../jobs/store.ts";
import type { StoreAudit, StoreJobs } from "./types.ts";

// Audit and jobs on PostgreSQL: the same rows and the same answers as the SQLite stores
// (src/server/audit/store.ts, src/server/jobs/store.ts), in this dialect.

// bigint ids: pg hands them over as text.
type AuditRow = AuditRowOf<string, string[]>;

const toRecord = (r: AuditRow): AuditRecord => auditRecordOf(r, Number(r.id), r.instances);

const COLUMNS = `id, at, actor, actor_id, action, subscription, target, instances, operation_id, operation_handle, job_id,
  job_event, outcome, http_status, error_code, error_message, finished_at, reason`;

export function postgresAudit(pool: pg.Pool): StoreAudit {
  const rows = async (sql: string, params: unknown[]) => (await pool.query<AuditRow>(sql, params)).rows.map(toRecord);
  const one = async (sql: string, params: unknown[]) => (await rows(sql, params))[0];
  const insertId = async (sql: string, params: unknown[]) => Number((await pool.query<{ id: string }>(sql, params)).rows[0]?.id);
  return {
    insert: (row) =>
      insertId(
        `INSERT INTO audit (at, actor, actor_id, action, subscription, target, instances, job_id, reason, actor_fold, outcome)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'pending') RETURNING id`,
        [row.at, row.actor, row.actorId, row.action, row.subscription, row.target, JSON.stringify(row.instances), row.jobId ?? null, row.reason ?? null, foldActor(row.actor)],
      ),
    insertJobEvent: ({ error, ...row }) =>
      insertId(
        `INSERT INTO audit (at, actor, actor_id, action, subscription, target, instances, job_id, job_event, outcome, error_code, error_message, finished_at, reason, actor_fold)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $1, $13, $14) RETURNING id`,
        [row.at, row.actor, row.actorId, row.action, row.subscription, row.target, JSON.stringify(row.instances), row.jobId, row.jobEvent, row.outcome, error?.code ?? null, error?.message ?? null, row.reason ?? null, foldActor(row.actor)],
      ),
    update: async (id, c) => {
      await pool.query(
        `UPDATE audit SET operation_id = COALESCE($2, operation_id), operation_handle = COALESCE($3, operation_handle),
           outcome = $4, http_status = COALESCE($5, http_status), error_code = COALESCE($6, error_code),
           error_message = COALESCE($7, error_message), finished_at = COALESCE($8, finished_at), updated_at = now()
         WHERE id = $1`,
        [id, c.operationId ?? null, c.operationHandle ?? null, c.outcome, c.httpStatusCode ?? null, c.error?.code ?? null, c.error?.message ?? null, c.finishedAt ?? null],
      );
    },
    get: (id) => one(`SELECT ${COLUMNS} FROM audit WHERE id = $1`, [id]),
    byOperation: (operationId) => one(`SELECT ${COLUMNS} FROM audit WHERE operation_id = $1 ORDER BY id DESC LIMIT 1`, [operationId]),
    // A job's events are never open: they name no upstream operation to follow.
    open: () => rows(`SELECT ${COLUMNS} FROM audit WHERE outcome IN ('pending', 'accepted', 'InProgress') AND job_event IS NULL ORDER BY id`, []),
    list: (q) => {
      const where: string[] = [];
      const params: unknown[] = [];
      const add = (clause: (p: string) => string, value: unknown) => {
        if (value === undefined || value === "") return;
        params.push(value);
        where.push(clause(`$${params.length}`));
      };
      add((p) => `subscription = ${p}`, q.subscription);
      add((p) => `subscription = ANY(${p}::text[])`, q.subscriptions);
      add((p) => `lower(target) = lower(${p})`, q.target);
      // SQLite's LIKE ignores ASCII case; ILIKE is its equal here.
      add((p) => `target ILIKE ${p}`, q.targetLike);
      add((p) => `EXISTS (SELECT 1 FROM jsonb_array_elements_text(instances) AS i(name) WHERE lower(i.name) = lower(${p}))`, q.instance);
      add((p) => `actor_fold = ${p}`, q.actor === undefined ? undefined : foldActor(q.actor));
      add((p) => `outcome = ANY(${p}::text[])`, q.outcomes);
      add((p) => (typeof q.before === "number" ? `id < ${p}` : `at < ${p}`), q.before);
      if (q.withOperation) where.push("operation_id IS NOT NULL");
      params.push(q.limit);
      return rows(`SELECT ${COLUMNS} FROM audit ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY id DESC LIMIT $${params.length}`, params);
    },
  };
}

export function postgresJobs(pool: pg.Pool): StoreJobs {
  const bodies = async (sql: string, params: unknown[]) => (await pool.query<{ body: StoredJob }>(sql, params)).rows.map((r) => r.body);
  return {
    insert: async (job) => {
      await pool.query(`INSERT INTO jobs (id, subscription, target, state, requested_at, body, in_flight) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
        job.id,
        job.subscription,
        job.target,
        job.state,
        job.requestedAt,
        JSON.stringify(job),
        jobInFlight(job),
      ]);
    },
    // Subscription, target and request time are the job's for life: only the rest is written again.
    // (body->>'revision'): the revision the caller read; a save in between makes this one miss.
    save: async (job) => {
      const expected = job.revision ?? 0;
      job.revision = expected + 1;
      const { rowCount } = await pool.query(
        `UPDATE jobs SET state = $2, body = $3, in_flight = $4, updated_at = now() WHERE id = $1 AND COALESCE((body->>'revision')::integer, 0) = $5`,
        [job.id, job.state, JSON.stringify(job), jobInFlight(job), expected],
      );
      if (!rowCount) job.revision = expected;
      return (rowCount ?? 0) > 0;
    },
    get: async (id) => (await bodies(`SELECT body FROM jobs WHERE id = $1`, [id]))[0],
    list: ({ subscription, target, states, limit }) => {
      const where = ["subscription = $1"];
      const params: unknown[] = [subscription];
      if (target !== undefined) where.push(`lower(target) = lower($${params.push(target)})`);
      if (states) where.push(`state = ANY($${params.push(states)}::text[])`);
      return bodies(`SELECT body FROM jobs WHERE ${where.join(" AND ")} ORDER BY requested_at DESC, id DESC LIMIT $${params.push(limit)}`, params);
    },
    open: () => bodies(`SELECT body FROM jobs WHERE state IN ('running', 'paused') OR in_flight ORDER BY requested_at`, []),
  };
}
