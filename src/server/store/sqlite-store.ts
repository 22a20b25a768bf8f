import { join } from "node:path";
import { openAuditStore } from "../audit/store.ts";
import { openJobStore } from "../jobs/store.ts";
import { openSqliteLocks, settle } from "./sqlite-locks.ts";
import type { Store } from "./types.ts";

/**
 * The embedded store: today's audit and job stores, unchanged and in their own files (an existing
 * data dir keeps its history), plus holds, leases and rate counters in locks.sqlite. For one proxy
 * process: replicas need PostgreSQL (each would otherwise keep its own files).
 */
export function openSqliteStore(dataDir: string): Store {
  const audit = openAuditStore(join(dataDir, "audit.sqlite"));
  const jobs = openJobStore(join(dataDir, "jobs.sqlite"));
  const locks = openSqliteLocks(join(dataDir, "locks.sqlite"));
  let closed = false;
  return {
    kind: "sqlite",
    audit: {
      insert: (row) => settle(() => audit.insert(row)),
      insertJobEvent: (row) => settle(() => audit.insertJobEvent(row)),
      update: (id, change) => settle(() => audit.update(id, change)),
      get: (id) => settle(() => audit.get(id)),
      byOperation: (operationId) => settle(() => audit.byOperation(operationId)),
      open: () => settle(() => audit.open()),
      list: (query) => settle(() => audit.list(query)),
    },
    jobs: {
      insert: (job) => settle(() => jobs.insert(job)),
      save: (job) => settle(() => jobs.save(job)),
      get: (id) => settle(() => jobs.get(id)),
      list: (query) => settle(() => jobs.list(query)),
      open: () => settle(() => jobs.open()),
    },
    holds: locks.holds,
    leases: locks.leases,
    counters: locks.counters,
    ping: () =>
      settle(() => {
        // Each file can fail on its own (a full disk, a removed file): all three must answer.
        audit.get(0);
        jobs.get("");
        locks.ping();
      }),
    close: () =>
      settle(() => {
        if (closed) return;
        closed = true;
        audit.close();
        jobs.close();
        locks.close();
      }),
  };
}
