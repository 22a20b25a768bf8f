import { readFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createApp } from "./app.ts";
import { createAuthenticator, type Authenticator } from "./auth/index.ts";
import { ConfigError, helpText, loadConfig, type Config } from "./config.ts";
import { JobRunner } from "./jobs/runner.ts";
import { OperationTracker, type Log } from "./operations/tracker.ts";
import { createReads } from "./reads.ts";
import { createFirstSeen, observeTargetReads } from "./triage-first-seen.ts";
import { ownOrigins } from "./security.ts";
import { createReadCache } from "./upstream/cache.ts";
import { createServiceManagementClient } from "./backends/classic/client.ts";
import { configuredDirectory } from "./backends/directory.ts";
import { armTokenSource } from "./backends/arm/token.ts";
import { createArmTransport } from "./backends/arm/transport.ts";
import { createExtendedBackend } from "./backends/extended/client.ts";
import { createScaleSetBackend } from "./backends/scaleset/client.ts";
import type { Backends } from "./backends/types.ts";
import { identityFor } from "./upstream/identity.ts";
import { createTransport } from "./backends/classic/transport.ts";
import { withLockedFlag } from "./backends/classic-locked.ts";
import { createMetrics, type Metrics } from "./metrics.ts";
import { createReadiness } from "./readiness.ts";
import { instrumentStore } from "./store/instrumented.ts";
import { openStore } from "./store/open-store.ts";
import { UpstreamError } from "./upstream/errors.ts";
import { createLastGood } from "./upstream/last-good.ts";

function packageVersion(): string {
  try {
    const file = fileURLToPath(new URL("../../package.json", import.meta.url));
    return (JSON.parse(readFileSync(file, "utf8")) as { version?: string }).version ?? "0.0.0";
  } catch {
    return "0.0.0";
  }
}

/** This process among the replicas: the owner name of its leases (hostname, pid and a random part, so a restart is someone new). */
function newReplicaId(): string {
  return `${hostname()}-${process.pid}-${randomBytes(3).toString("hex")}`;
}

/**
 * How replicas share work. A lease lasts three polls (at least a second: a stalled event loop must
 * not hand work over needlessly); each replica scans for work nobody holds about three times per
 * lease. A duplicate on another replica waits for the first POST's answer up to its timeout and then some.
 */
export function replicaTimings(config: Pick<Config, "trackerPollMs" | "upstream" | "unconfirmedSettleMs">) {
  const leaseMs = Math.max(3 * config.trackerPollMs, 1000);
  return { leaseMs, scanMs: Math.max(config.trackerPollMs, Math.round(leaseMs / 3)), settleMs: config.unconfirmedSettleMs, joinWaitMs: config.upstream.timeoutMs + 5000 };
}

/** Wraps a transport's send so every upstream call is counted and timed. */
function timedSend<F extends (method: "GET" | "POST", ...rest: never[]) => Promise<{ status: number }>>(send: F, upstream: "classic" | "arm", metrics: Metrics): F {
  return (async (method: "GET" | "POST", ...rest: never[]) => {
    const started = performance.now();
    let status = "error";
    try {
      const res = await send(method, ...rest);
      status = String(res.status);
      return res;
    } catch (err) {
      status = err instanceof UpstreamError ? (err.failure.kind === "http" ? String(err.failure.status) : err.failure.kind) : "error";
      throw err;
    } finally {
      metrics.upstream(upstream, method, status, (performance.now() - started) / 1000);
    }
  }) as F;
}

/**
 * Reads the configuration from `env`, builds every dependency, and listens. The only place that
 * listens; tests and the `npm start` launcher call this.
 */
export async function startProxy(
  env: Record<string, string | undefined>,
  /** For tests and the sign-in mode: replace the authenticator chosen from ROLECALL_AUTH. */
  overrides: { authenticator?: Authenticator; logStream?: NodeJS.WritableStream } = {},
): Promise<{ url: string; replicaId: string; close(): Promise<void> }> {
  const config = loadConfig(env);
  // Before anything is opened: in msal mode this fetches the authority's discovery document and
  // throws a ConfigError when it cannot.
  const authenticator = overrides.authenticator ?? (await createAuthenticator(config));
  const metrics = createMetrics(config.metrics);
  const replicaId = newReplicaId();
  const timings = replicaTimings(config);

  // The app's logger is made by Fastify; the client and tracker log through it once it exists.
  const logRef: { current: Log } = { current: { info: () => {}, warn: () => {}, error: () => {} } };
  const log: Log = {
    info: (o, m) => logRef.current.info(o, m),
    warn: (o, m) => logRef.current.warn(o, m),
    error: (o, m) => logRef.current.error(o, m),
  };
  const store = instrumentStore(await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, log }), metrics);
  const transport = config.upstream.enabled ? createTransport(config.upstream) : undefined;
  const armTransport = config.arm ? createArmTransport(config.arm, config.upstream) : undefined;
  if (transport) transport.send = timedSend(transport.send.bind(transport), "classic", metrics);
  if (armTransport) armTransport.send = timedSend(armTransport.send.bind(armTransport), "arm", metrics);
  const cache = createReadCache(config.cacheMs, Date.now, (result) => metrics.cache(result));
  // In this process's memory only: per replica, and forgotten on restart (triage-first-seen.ts).
  const firstSeen = createFirstSeen();
  let origins: string[] = [];

  const classic = transport && withLockedFlag(createServiceManagementClient(transport, config.upstream, log), transport, config.upstream, log);
  // One ARM upstream serves two kinds, on one connection pool and one token source.
  const armConfig = config.arm && { arm: config.arm, upstream: config.upstream };
  const armTokens = config.arm && armTokenSource(config.arm, config.upstream.caPath ? readFileSync(config.upstream.caPath) : undefined);
  const backends: Backends = {
    classic,
    extended: armConfig && armTransport && armTokens && createExtendedBackend(armTransport, armTokens, armConfig, log),
    scaleset: armConfig && armTransport && armTokens && createScaleSetBackend(armTransport, armTokens, armConfig, log),
  };
  // Tokens are never stored, so work taken over from the store polls as the proxy's own identity.
  const restartIdentity = identityFor(config.upstream.identity, undefined);
  const tracker = new OperationTracker({
    backends,
    store,
    cache,
    pollMs: config.trackerPollMs,
    restartIdentity,
    maxFailures: config.trackerMaxFailures,
    unconfirmedHoldMs: config.unconfirmedHoldMs,
    log,
    replicaId,
    metrics,
    ...timings,
  });
  const jobs = new JobRunner({ backends, store, tracker, pollMs: config.trackerPollMs, restartIdentity, log, replicaId, leaseMs: timings.leaseMs, scanMs: timings.scanMs, sendingMs: timings.joinWaitMs, metrics });
  metrics.inFlightFrom(async () => {
    const holds = await store.holds.list();
    return { operations: holds.filter((h) => !h.jobId).length, jobs: holds.filter((h) => h.jobId).length };
  });
  const closeAll = async () => {
    transport?.close();
    armTransport?.close();
    await store.close();
  };
  let app;
  try {
    app = await createApp({
      config,
      version: packageVersion(),
      backends,
      jobs,
      store,
      reads: createReads(backends, classic ?? configuredDirectory(config.subscriptions ?? []), cache, createLastGood(config.staleMaxMs), observeTargetReads(firstSeen)),
      firstSeen,
      tracker,
      readiness: createReadiness({ config, store, classic: transport, arm: armTransport, log }),
      metrics,
      authenticator,
      origins: () => origins,
      logStream: overrides.logStream || undefined,
    });
    logRef.current = app.log;
    await app.listen({ port: config.port, host: config.host });
  } catch (err) {
    await app?.close();
    await closeAll();
    throw err;
  }
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  origins = ownOrigins(config.host, port, config.allowedOrigins);
  // What this process (or a replica that stopped) left unfinished is taken over before the caller
  // hears the proxy is up: holds of interrupted actions are in the store already, and their audit
  // rows say so by the time anyone reads them.
  await tracker.start();
  await jobs.begin();
  const hostInUrl = config.host.includes(":") && !config.host.startsWith("[") ? `[${config.host}]` : config.host;

  let closed = false;
  const running = app;
  return {
    url: `http://${hostInUrl}:${port}`,
    replicaId,
    async close() {
      if (closed) return;
      closed = true;
      await tracker.close();
      await jobs.close();
      await running.close();
      await closeAll();
    },
  };
}

async function runFromCommandLine(): Promise<void> {
  if (process.argv.includes("--help") || process.argv.includes("-h")) {
    console.log(helpText());
    return;
  }
  try {
    const proxy = await startProxy(process.env);
    console.log(`Rolecall listening on ${proxy.url}`);
    const stop = () => {
      void proxy.close().then(() => process.exit(0));
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  } catch (err) {
    console.error(err instanceof ConfigError ? err.message : err);
    process.exit(1);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  void runFromCommandLine();
}
