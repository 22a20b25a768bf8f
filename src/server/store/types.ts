import type { Operation } from "../../shared/api.ts";
import type { AuditQuery, AuditRecord, AuditUpdate, NewAudit, NewJobEvent } from "../audit/store.ts";
import type { JobStore, StoredJob } from "../jobs/store.ts";

// One contract, two databases (DESIGN.md §5): SQLite for one process, PostgreSQL shared by replicas.
// Every method is async because PostgreSQL is across a network; SQLite answers at once but keeps
// the same shape so callers never know which one they have. Row types are today's (audit, jobs).

/** The audit trail: a row before an action leaves, updated with its outcome (DESIGN.md §4 Audit). */
export interface StoreAudit {
  insert(row: NewAudit): Promise<number>;
  insertJobEvent(row: NewJobEvent): Promise<number>;
  update(id: number, change: AuditUpdate): Promise<void>;
  get(id: number): Promise<AuditRecord | undefined>;
  byOperation(operationId: string): Promise<AuditRecord | undefined>;
  /** Rows whose outcome is not final yet (pending, accepted, InProgress), job events excluded, oldest first. */
  open(): Promise<AuditRecord[]>;
  /** Newest first. */
  list(query: AuditQuery): Promise<AuditRecord[]>;
}

export type JobQuery = Parameters<JobStore["list"]>[0];

/** Rolling jobs, stored whole: every state change is durable before the next upstream call. */
export interface StoreJobs {
  insert(job: StoredJob): Promise<void>;
  /**
   * Saves over the revision `job` was read at (moving `job.revision` on); false when another save
   * came between, e.g. another replica paused it: read the job again and decide anew.
   */
  save(job: StoredJob): Promise<boolean>;
  get(id: string): Promise<StoredJob | undefined>;
  /** Newest first; `target` matches case-insensitively. */
  list(query: JobQuery): Promise<StoredJob[]>;
  /** Running or paused jobs, or any with an operation still in flight, oldest first. */
  open(): Promise<StoredJob[]>;
}

/** What keeps other actions off a target: one single action, or one rolling job. */
export interface Hold {
  /** The target's /api path as its holder wrote it; matching ignores case, as Azure's names do. */
  target: string;
  /**
   * The holder's own token, chosen by the caller and deterministic (`audit:<id>`, `job:<id>`) so that
   * the same holder re-acquiring after a restart gets its hold back instead of a 409 about itself.
   */
  id: string;
  actorId: string;
  /** The action's audit row (a single action). */
  auditId?: number;
  /** The rolling job that holds the target from start to end. */
  jobId?: string;
  /** What a 409 names, on any replica. `id` is "" until upstream accepted the POST. */
  operation: Operation;
  /** The backend's handle on the operation (ARM: its status URL). */
  handle?: string;
  /** The POST's outcome is unknown: the target stays held until it is resolved or the hold expires. */
  unconfirmed?: boolean;
  /** Since when the operation's status could not be read, and why (for the 409's sentence). */
  uncheckedSince?: string;
  lastFailure?: string;
  acquiredAt: string;
  /** Absent: held until released. */
  expiresAt?: string;
}

/** What the holder writes; the store sets the times. */
export type HoldInput = Omit<Hold, "target" | "acquiredAt" | "expiresAt">;

export type HoldResult = { acquired: true; hold: Hold } | { acquired: false; holder: Hold };

/**
 * Targets' holds. Taken in the store before an action's POST leaves, so of any number of requests
 * on any number of replicas exactly one reaches upstream. Expiry is by the store's clock (one clock
 * for every replica); an expired hold counts as free.
 */
export interface StoreHolds {
  /** Takes `target` atomically, or returns who holds it. The same `holder.id` gets its own hold back (refreshed). */
  acquire(target: string, holder: HoldInput, ttlMs?: number): Promise<HoldResult>;
  /** Rewrites the holder's record (operation id once accepted, unconfirmed, failures) and its expiry; false when `holder.id` no longer holds it. */
  save(target: string, holder: HoldInput, ttlMs?: number): Promise<boolean>;
  /** Frees `target` if `holderId` holds it (a late release never frees someone else's hold). */
  release(target: string, holderId: string): Promise<boolean>;
  get(target: string): Promise<Hold | undefined>;
  /** Every live hold, or those of one subscription; by target path (lower-cased). */
  list(subscription?: string): Promise<Hold[]>;
}

export interface Lease {
  name: string;
  owner: string;
  expiresAt: string;
}

/**
 * Who does a piece of background work (follows an operation, runs a job): exactly one owner at a
 * time; when it stops renewing (a killed replica), another takes over once the lease expires.
 */
export interface StoreLeases {
  /** True when `owner` now holds `name`: it was free, expired, or already `owner`'s (then extended). */
  acquire(name: string, owner: string, ttlMs: number): Promise<boolean>;
  /** Extends a lease `owner` still holds; false when it expired or was taken: stop working on it. */
  renew(name: string, owner: string, ttlMs: number): Promise<boolean>;
  release(name: string, owner: string): Promise<void>;
  get(name: string): Promise<Lease | undefined>;
}

/**
 * Rate-limit counters shared by every replica. A window opens at a key's first hit and lasts
 * `windowMs` (as @fastify/rate-limit's own store counts), so a limit per person holds across replicas.
 */
export interface StoreCounters {
  hit(key: string, windowMs: number): Promise<{ count: number; resetInMs: number }>;
}

export interface Store {
  readonly kind: "sqlite" | "postgres";
  readonly audit: StoreAudit;
  readonly jobs: StoreJobs;
  readonly holds: StoreHolds;
  readonly leases: StoreLeases;
  readonly counters: StoreCounters;
  /** Resolves when the database answers (GET /api/health/ready). */
  ping(): Promise<void>;
  /** Idempotent. */
  close(): Promise<void>;
}

export interface StoreLog {
  warn(obj: object, msg: string): void;
}

/** Targets match case-insensitively: both implementations key holds by this. */
export const holdKey = (target: string) => target.toLowerCase();

/** A hold's stored record: what the holder wrote, without the fields the store owns (a Hold read back and saved again carries them). */
export function holdBody(holder: HoldInput | Hold): HoldInput {
  const { target: _t, acquiredAt: _a, expiresAt: _e, ...rest } = holder as Partial<Hold> & HoldInput;
  return rest;
}

/** The /api path prefix of a subscription's targets, as holds are keyed. */
export const subscriptionPrefix = (subscription: string) => holdKey(`/api/subscriptions/${subscription}/`);
