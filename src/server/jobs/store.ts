import type { Job, JobStep } from "../../shared/api.ts";
import { openSqlite } from "../store/sqlite.ts";

/** A step as the runner keeps it: the API's step, plus what it needs to go on after a restart. */
export interface StoredStep extends JobStep {
  /** Operations sent for this step; `auditId` ties each to its audit row. */
  operations: { id: string; handle?: string; auditId: number; instances: string[]; status: "InProgress" | "Succeeded" | "Failed" | "Unknown"; failures?: number }[];
  /** Written before an action leaves and cleared once Azure answered: found set after a restart,
   * it means the outcome of that send is unknown, and the job pauses instead of sending again. */
  sending?: { auditId: number; instances: string[]; at?: string };
  /** When the step began waiting (for the floor, or for its instances to be ready again). */
  waitingSince?: string;
  /** When the soak after this step ends. */
  soakUntil?: string;
}

export interface StoredJob extends Omit<Job, "steps"> {
  subscription: string;
  /**
   * Counts saves: a save names the revision it read, and is refused when another save came between
   * (another replica paused the job while this one was mid-tick), so nobody overwrites what they did not read.
   */
  revision?: number;
  requestedById: string;
  /** Who the job acts for since an operator took it over by resuming it (the audit names them). */
  actingAs?: { name: string; id: string };
  steps: StoredStep[];
}

export interface JobStore {
  insert(job: StoredJob): void;
  /**
   * Writes the whole job (its steps with it): every state change is durable before the next act.
   * Only over the revision `job` was read at (then `job.revision` moves on); false when the stored
   * job changed since: read it again and decide anew.
   */
  save(job: StoredJob): boolean;
  get(id: string): StoredJob | undefined;
  /** Newest first; `target` is a target's /api path (case-insensitive, as Azure's names are). */
  list(query: { subscription: string; target?: string; states?: readonly Job["state"][]; limit: number }): StoredJob[];
  /** Jobs not finished (running or paused), or with operations still in flight, oldest first: what a restart picks up. */
  open(): StoredJob[];
  close(): void;
}

/** Whether a job has a send or an operation not finished yet: a restart must follow it whatever its state. */
export const jobInFlight = (job: StoredJob): boolean => job.steps.some((s) => s.sending || s.operations.some((o) => o.status === "InProgress"));

const migrations = [
  `CREATE TABLE jobs (
     id           TEXT PRIMARY KEY,
     subscription TEXT NOT NULL,
     target       TEXT NOT NULL,
     state        TEXT NOT NULL,
     requested_at TEXT NOT NULL,
     body         TEXT NOT NULL,            -- the whole job as JSON (steps, operations, reasons)
     updated_at   TEXT NOT NULL
   )`,
  `CREATE INDEX jobs_subscription ON jobs (subscription, requested_at)`,
  `CREATE INDEX jobs_open ON jobs (state) WHERE state IN ('running', 'paused')`,
  // A cancelled job may still have operations running: a restart must follow them too.
  `ALTER TABLE jobs ADD COLUMN in_flight INTEGER NOT NULL DEFAULT 0`,
  `CREATE INDEX jobs_target ON jobs (target COLLATE NOCASE, requested_at)`,
];

/** Opens (creating if needed) the SQLite job store at `file`. */
export function openJobStore(file: string): JobStore {
  const db = openSqlite(file, migrations);
  const insert = db.prepare(`INSERT INTO jobs (id, subscription, target, state, requested_at, body, updated_at, in_flight) VALUES (@id, @subscription, @target, @state, @requestedAt, @body, @updatedAt, @inFlight)`);
  const save = db.prepare(
    `UPDATE jobs SET state = @state, body = @body, updated_at = @updatedAt, in_flight = @inFlight
     WHERE id = @id AND COALESCE(json_extract(body, '$.revision'), 0) = @expected`,
  );
  const getOne = db.prepare(`SELECT body FROM jobs WHERE id = ?`);
  const open = db.prepare(`SELECT body FROM jobs WHERE state IN ('running', 'paused') OR in_flight = 1 ORDER BY requested_at`);
  const row = (job: StoredJob) => ({
    id: job.id,
    subscription: job.subscription,
    target: job.target,
    state: job.state,
    requestedAt: job.requestedAt,
    body: JSON.stringify(job),
    updatedAt: new Date().toISOString(),
    inFlight: jobInFlight(job) ? 1 : 0,
  });
  const parse = (r: unknown) => JSON.parse((r as { body: string }).body) as StoredJob;
  // list's few SQL variants, each compiled once: every read of a target lists its open job.
  const listings = new Map<string, ReturnType<typeof db.prepare>>();
  return {
    insert: (job) => void insert.run(row(job)),
    save: (job) => {
      const expected = job.revision ?? 0;
      job.revision = expected + 1;
      const saved = save.run({ ...row(job), expected }).changes > 0;
      if (!saved) job.revision = expected;
      return saved;
    },
    get: (id) => {
      const r = getOne.get(id);
      return r ? parse(r) : undefined;
    },
    list: ({ subscription, target, states, limit }) => {
      const where = ["subscription = @subscription"];
      if (target !== undefined) where.push("target = @target COLLATE NOCASE");
      if (states) where.push("state IN (SELECT value FROM json_each(@states))");
      const sql = `SELECT body FROM jobs WHERE ${where.join(" AND ")} ORDER BY requested_at DESC, id DESC LIMIT @limit`;
      let listing = listings.get(sql);
      if (!listing) listings.set(sql, (listing = db.prepare(sql)));
      return listing.all({ subscription, target, states: JSON.stringify(states ?? []), limit }).map(parse);
    },
    open: () => open.all().map(parse),
    close: () => db.close(),
  };
}
