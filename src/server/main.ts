import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createApp } from "./app.ts";
import { openAuditStore } from "./audit/store.ts";
import { createAuthenticator, type Authenticator } from "./auth/index.ts";
import { ConfigError, helpText, loadConfig } from "./config.ts";
import { JobRunner } from "./jobs/runner.ts";
import { openJobStore } from "./jobs/store.ts";
import { OperationTracker, type Log } from "./operations/tracker.ts";
import { createReads } from "./reads.ts";
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

function packageVersion(): string {
  try {
    const file = fileURLToPath(new URL("../../package.json", import.meta.url));
    return (JSON.parse(readFileSync(file, "utf8")) as { version?: string }).version ?? "0.0.0";
  } catch {
    return "0.0.0";
  }
}

/**
 * Reads the configuration from `env`, builds every dependency, and listens. The only place that
 * listens; tests and the `npm start` launcher call this.
 */
export async function startProxy(
  env: Record<string, string | undefined>,
  /** For tests and the sign-in mode: replace the authenticator chosen from ROLECALL_AUTH. */
  overrides: { authenticator?: Authenticator; logStream?: NodeJS.WritableStream } = {},
): Promise<{ url: string; close(): Promise<void> }> {
  const config = loadConfig(env);
  // Before anything is opened: in msal mode this fetches the authority's discovery document and
  // throws a ConfigError when it cannot.
  const authenticator = overrides.authenticator ?? (await createAuthenticator(config));
  const transport = config.upstream.enabled ? createTransport(config.upstream) : undefined;
  const armTransport = config.arm ? createArmTransport(config.arm, config.upstream) : undefined;
  const audit = openAuditStore(join(config.dataDir, "audit.sqlite"));
  const cache = createReadCache(config.cacheMs);
  let origins: string[] = [];

  // The app's logger is made by Fastify; the client and tracker log through it once it exists.
  const logRef: { current: Log } = { current: { info: () => {}, warn: () => {}, error: () => {} } };
  const log: Log = {
    info: (o, m) => logRef.current.info(o, m),
    warn: (o, m) => logRef.current.warn(o, m),
    error: (o, m) => logRef.current.error(o, m),
  };
  const classic = transport && createServiceManagementClient(transport, config.upstream, log);
  // One ARM upstream serves two kinds, on one connection pool and one token source.
  const armConfig = config.arm && { arm: config.arm, upstream: config.upstream };
  const armTokens = config.arm && armTokenSource(config.arm, config.upstream.caPath ? readFileSync(config.upstream.caPath) : undefined);
  const backends: Backends = {
    classic,
    extended: armConfig && armTransport && armTokens && createExtendedBackend(armTransport, armTokens, armConfig, log),
    scaleset: armConfig && armTransport && armTokens && createScaleSetBackend(armTransport, armTokens, armConfig, log),
  };
  const tracker = new OperationTracker({
    backends,
    audit,
    cache,
    pollMs: config.trackerPollMs,
    // Tokens are never stored, so after a restart only the proxy's own identity can poll.
    restartIdentity: identityFor(config.upstream.identity, undefined),
    maxFailures: config.trackerMaxFailures,
    unconfirmedHoldMs: config.unconfirmedHoldMs,
    log,
  });
  const jobStore = openJobStore(join(config.dataDir, "jobs.sqlite"));
  const jobs = new JobRunner({
    backends,
    audit,
    jobs: jobStore,
    tracker,
    pollMs: config.trackerPollMs,
    restartIdentity: identityFor(config.upstream.identity, undefined),
    log,
  });
  const app = await createApp({
    config,
    version: packageVersion(),
    backends,
    jobs,
    jobStore,
    reads: createReads(backends, classic ?? configuredDirectory(config.subscriptions ?? []), cache),
    audit,
    tracker,
    authenticator,
    origins: () => origins,
    logStream: overrides.logStream || undefined,
  });
  logRef.current = app.log;

  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (err) {
    audit.close();
    jobStore.close();
    transport?.close();
    armTransport?.close();
    throw err;
  }
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  origins = ownOrigins(config.host, port, config.allowedOrigins);
  tracker.resume();
  jobs.resume();
  const hostInUrl = config.host.includes(":") && !config.host.startsWith("[") ? `[${config.host}]` : config.host;

  let closed = false;
  return {
    url: `http://${hostInUrl}:${port}`,
    async close() {
      if (closed) return;
      closed = true;
      tracker.close();
      jobs.close();
      await app.close();
      transport?.close();
      armTransport?.close();
      audit.close();
      jobStore.close();
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
