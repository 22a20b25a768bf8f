import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";

// Prometheus metrics (GET /metrics when ROLECALL_METRICS=on), through prom-client: the Prometheus
// text format, histograms and Node's process metrics as the Prometheus project maintains them,
// rather than a hand-written exposition. One registry per proxy (tests start several in a process).

export type ActionOutcome = "accepted" | "rejected" | "unknown" | "duplicate" | "refused";

export interface Metrics {
  readonly registry: Registry;
  /** One upstream call: `status` is the HTTP status, or timeout / unreachable / malformed. */
  upstream(upstream: "classic" | "arm", method: string, status: string, seconds: number): void;
  cache(result: "hit" | "miss"): void;
  /** What became of an action request: sent and accepted, refused by Azure, unknown, joined a duplicate, or refused by Rolecall. */
  action(outcome: ActionOutcome): void;
  operationEnded(status: "Succeeded" | "Failed" | "unknown"): void;
  job(event: string): void;
  store(call: string, seconds: number, ok: boolean): void;
  stale(route: "target" | "targets"): void;
  /** Sets how the in-flight gauge is read at scrape time (from the store: the same for every replica). */
  inFlightFrom(read: () => Promise<{ operations: number; jobs: number }>): void;
}

/** `processMetrics`: also Node's own (CPU, memory, event loop); they keep observers running, so only when served. */
export function createMetrics(processMetrics = false): Metrics {
  const registry = new Registry();
  if (processMetrics) collectDefaultMetrics({ register: registry, prefix: "rolecall_" });
  const upstreamCalls = new Counter({ name: "rolecall_upstream_requests_total", help: "Upstream calls by upstream, method and HTTP status (or timeout, unreachable, malformed).", labelNames: ["upstream", "method", "status"], registers: [registry] });
  const upstreamSeconds = new Histogram({
    name: "rolecall_upstream_request_duration_seconds",
    help: "Upstream call latency, body included.",
    labelNames: ["upstream", "method"],
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  const cache = new Counter({ name: "rolecall_read_cache_total", help: "Upstream reads asked of the coalescing cache: hit (served or joined) or miss (went upstream).", labelNames: ["result"], registers: [registry] });
  const actions = new Counter({ name: "rolecall_actions_total", help: "Action requests by what became of them.", labelNames: ["outcome"], registers: [registry] });
  const ended = new Counter({ name: "rolecall_operations_finished_total", help: "Operations followed to their end, by outcome.", labelNames: ["status"], registers: [registry] });
  const jobs = new Counter({ name: "rolecall_job_events_total", help: "Rolling job events (started, paused, resumed, cancelled, succeeded).", labelNames: ["event"], registers: [registry] });
  const storeSeconds = new Histogram({
    name: "rolecall_store_duration_seconds",
    help: "Store call latency by call (audit.insert, holds.acquire, …) and result.",
    labelNames: ["call", "result"],
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [registry],
  });
  const stale = new Counter({ name: "rolecall_stale_reads_total", help: "Reads answered from the last good copy because the upstream did not answer.", labelNames: ["route"], registers: [registry] });
  let readInFlight: (() => Promise<{ operations: number; jobs: number }>) | undefined;
  new Gauge({
    name: "rolecall_in_flight",
    help: "Targets held now, across every replica: by a single operation, or by a rolling job.",
    labelNames: ["holder"],
    registers: [registry],
    async collect() {
      if (!readInFlight) return;
      const now = await readInFlight();
      this.set({ holder: "operation" }, now.operations);
      this.set({ holder: "job" }, now.jobs);
    },
  });
  return {
    registry,
    upstream: (upstream, method, status, seconds) => {
      upstreamCalls.inc({ upstream, method, status });
      upstreamSeconds.observe({ upstream, method }, seconds);
    },
    cache: (result) => cache.inc({ result }),
    action: (outcome) => actions.inc({ outcome }),
    operationEnded: (status) => ended.inc({ status }),
    job: (event) => jobs.inc({ event }),
    store: (call, seconds, ok) => storeSeconds.observe({ call, result: ok ? "ok" : "error" }, seconds),
    stale: (route) => stale.inc({ route }),
    inFlightFrom: (read) => {
      readInFlight = read;
    },
  };
}
