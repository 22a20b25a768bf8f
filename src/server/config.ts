import { z } from "zod";
import { subscriptionIdPattern } from "../shared/names.ts";
import { authConnectSrc, loadMsalAuthSettings, msalSettingsHelp, type MsalAuthSettings } from "./auth/msal-config.ts";
import { ConfigError } from "./config-error.ts";
import { storeChoice } from "./store/open-store.ts";

export { ConfigError } from "./config-error.ts";

// Every setting the proxy reads, in one table: the --help text and the validation come from it, so a
// variable cannot be documented without being checked (or the other way round).
interface Setting {
  name: string;
  help: string;
}

export const settings: Setting[] = [
  { name: "ROLECALL_PORT", help: "port to listen on (default 8080; 0 = any free port)" },
  { name: "ROLECALL_HOST", help: "address to listen on (default 127.0.0.1)" },
  { name: "ROLECALL_ALLOWED_ORIGINS", help: "comma-separated extra origins browsers may reach Rolecall through (a reverse proxy, the Vite dev server); default only http://HOST:PORT" },
  { name: "ROLECALL_UPSTREAM_URL", help: "Service Management endpoint (classic cloud services), e.g. https://management.core.windows.net (http:// only to this machine), or none (npm start: unset = the embedded emulator; src/server/main.ts alone requires it)" },
  { name: "ROLECALL_ARM_URL", help: "Azure Resource Manager endpoint (Cloud Services extended support and Uniform scale sets), e.g. https://management.azure.com, or none (npm start: unset = the embedded emulator's ARM face; src/server/main.ts alone: unset = none)" },
  { name: "ROLECALL_ARM_IDENTITY", help: "who Rolecall is to ARM: passthrough (the caller's ARM token; default) | service (DefaultAzureCredential: managed identity, workload identity, AZURE_CLIENT_ID/AZURE_TENANT_ID/AZURE_CLIENT_SECRET, or az login) | emulator (a placeholder token; loopback ARM URLs only)" },
  { name: "ROLECALL_UPSTREAM_KIND", help: "emulator | azure (default: azure for Azure management hosts, else emulator)" },
  { name: "ROLECALL_UPSTREAM_IDENTITY", help: "passthrough (forward the caller's bearer token) | certificate (default passthrough)" },
  { name: "ROLECALL_CERT_PATH", help: "PEM management certificate (certificate identity)" },
  { name: "ROLECALL_KEY_PATH", help: "PEM private key of the management certificate (certificate identity)" },
  { name: "ROLECALL_CA_PATH", help: "PEM CA bundle to trust for both upstreams (e.g. the emulator's test CA)" },
  { name: "ROLECALL_UPSTREAM_TIMEOUT_MS", help: "timeout of one upstream call (default 10000)" },
  { name: "ROLECALL_UPSTREAM_RETRIES", help: "retries of a failed upstream GET (default 2; POSTs are never retried)" },
  { name: "ROLECALL_RETRY_BASE_MS", help: "first retry back-off, doubled each time (default 250)" },
  { name: "ROLECALL_RETRY_AFTER_CAP_MS", help: "longest Retry-After the proxy waits before giving up (default 5000)" },
  { name: "ROLECALL_SUBSCRIPTIONS", help: "comma-separated subscription ids (default: discover with List Subscriptions)" },
  { name: "ROLECALL_DATA_DIR", help: "where the SQLite store lives when ROLECALL_DATABASE_URL is unset (default ./data; audit.sqlite, jobs.sqlite, locks.sqlite)" },
  { name: "ROLECALL_DATABASE_URL", help: "unset = SQLite in ROLECALL_DATA_DIR (one process); postgres://user:password@host:5432/db = PostgreSQL, shared by any number of replicas (audit, jobs, holds, rate limits)" },
  { name: "ROLECALL_METRICS", help: "on = serve Prometheus metrics at GET /metrics on this port, without sign-in (keep the port inside your network); off (default) = no /metrics" },
  { name: "ROLECALL_READY_CACHE_MS", help: "how long one readiness check (GET /api/health/ready: the store and each upstream) answers every probe, so that probes cost Azure at most one check per interval (default 5000; 0 = only probes at the same moment share one)" },
  { name: "ROLECALL_STALE_MAX_MS", help: "when Azure does not answer a read, serve the last good copy marked stale if it is at most this old (default 600000 = 10 min; 0 = never)" },
  { name: "ROLECALL_STATIC_DIR", help: "the built SPA (default ./dist)" },
  { name: "ROLECALL_CACHE_MS", help: "how long a fetched upstream read is shared between viewers (default 1000; 0 = only coalesce)" },
  { name: "ROLECALL_POLL_FAST_MS", help: "SPA poll interval while something changes (default 2000)" },
  { name: "ROLECALL_POLL_SLOW_MS", help: "SPA poll interval when all is steady (default 15000)" },
  { name: "ROLECALL_TRACKER_POLL_MS", help: "how often the proxy polls Get Operation Status of its in-flight operations (default 5000)" },
  { name: "ROLECALL_TRACKER_MAX_FAILURES", help: "failed status checks in a row after which Rolecall stops holding a deployment for an operation (default 5)" },
  { name: "ROLECALL_UNCONFIRMED_HOLD_MS", help: "how long a target stays held after an action whose start Rolecall could not confirm (a timeout, or a crash before Azure answered), counted again from each read showing the target busy; the limit when its state cannot be read (default 180000)" },
  { name: "ROLECALL_UNCONFIRMED_SETTLE_MS", help: "how long after such an action Azure showing nothing running on the target counts as settled, freeing it early (default 60000: a request that timed out may still start late)" },
  { name: "ROLECALL_ACTION_RATE_LIMIT", help: "actions allowed per actor per minute (default 30)" },
  { name: "ROLECALL_AUTH", help: "none (no sign-in; loopback only; default) | msal (Microsoft Entra ID or OpenID Connect sign-in: the ROLECALL_AUTH_* variables)" },
  { name: "ROLECALL_LOG_LEVEL", help: "fatal | error | warn | info | debug | trace | silent (default info)" },
  // Checked by loadMsalAuthSettings (only in msal mode), listed here so --help shows them.
  ...msalSettingsHelp,
];

export function helpText(): string {
  const width = Math.max(...settings.map((s) => s.name.length));
  return [
    "Rolecall proxy. Configuration by environment variables:",
    "",
    ...settings.map((s) => `  ${s.name.padEnd(width)}  ${s.help}`),
  ].join("\n");
}

/** The launcher (`npm start -- --help`) prints this too. */
export const configHelp = helpText;

const int = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, "must be a whole number")
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

// Zod runs every check even after one failed: the later ones pass what the earlier refused (a value
// that is no URL would make them throw, instead of naming the variable).
const url = z
  .string()
  .refine((v) => URL.canParse(v), "must be an absolute URL")
  .refine((v) => !URL.canParse(v) || /^https?:$/.test(new URL(v).protocol), "must be http:// or https://");
const isPlainHttp = (v: string) => URL.canParse(v) && new URL(v).protocol === "http:";

const schema = z.object({
  ROLECALL_PORT: int(0, 65535).default(8080),
  ROLECALL_HOST: z.string().min(1).default("127.0.0.1"),
  ROLECALL_ALLOWED_ORIGINS: z
    .string()
    .transform((v) => v.split(",").map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(url.transform((v) => new URL(v).origin)))
    .optional(),
  // Plain HTTP only to this machine (the emulator): anywhere else, each person's bearer token would
  // cross the network readable by anyone on the way, whichever identity or sign-in is configured.
  ROLECALL_UPSTREAM_URL: z
    .literal("none")
    .or(
      url.refine(
        (v) => !isPlainHttp(v) || isLoopback(new URL(v).hostname),
        "must be https:// unless on this machine: 127.0.0.1, ::1 or localhost (it carries people's bearer tokens, never over plain HTTP)",
      ),
    ),
  ROLECALL_ARM_URL: z
    .literal("none")
    .or(url.refine((v) => !isPlainHttp(v), "must be https:// (ARM takes bearer tokens, never over plain HTTP)"))
    .default("none"),
  ROLECALL_ARM_IDENTITY: z.enum(["passthrough", "service", "emulator"]).default("passthrough"),
  ROLECALL_UPSTREAM_KIND: z.enum(["emulator", "azure"]).optional(),
  ROLECALL_UPSTREAM_IDENTITY: z.enum(["passthrough", "certificate"]).default("passthrough"),
  ROLECALL_CERT_PATH: z.string().min(1).optional(),
  ROLECALL_KEY_PATH: z.string().min(1).optional(),
  ROLECALL_CA_PATH: z.string().min(1).optional(),
  ROLECALL_UPSTREAM_TIMEOUT_MS: int(1, 600_000).default(10_000),
  ROLECALL_UPSTREAM_RETRIES: int(0, 10).default(2),
  ROLECALL_RETRY_BASE_MS: int(0, 60_000).default(250),
  ROLECALL_RETRY_AFTER_CAP_MS: int(0, 600_000).default(5000),
  ROLECALL_SUBSCRIPTIONS: z
    .string()
    .transform((v) => v.split(",").map((s) => s.trim().toLowerCase()).filter(Boolean))
    .pipe(z.array(z.string().regex(subscriptionIdPattern, "must be comma-separated subscription GUIDs")).min(1))
    .optional(),
  ROLECALL_DATA_DIR: z.string().min(1).default("./data"),
  ROLECALL_DATABASE_URL: z.string().optional(),
  ROLECALL_METRICS: z.enum(["on", "off"], { error: "must be on or off" }).default("off"),
  ROLECALL_READY_CACHE_MS: int(0, 600_000).default(5000),
  ROLECALL_STALE_MAX_MS: int(0, 24 * 3_600_000).default(600_000),
  ROLECALL_STATIC_DIR: z.string().min(1).default("./dist"),
  ROLECALL_CACHE_MS: int(0, 600_000).default(1000),
  ROLECALL_POLL_FAST_MS: int(1, 3_600_000).default(2000),
  ROLECALL_POLL_SLOW_MS: int(1, 3_600_000).default(15_000),
  ROLECALL_TRACKER_POLL_MS: int(1, 3_600_000).default(5000),
  ROLECALL_TRACKER_MAX_FAILURES: int(1, 1000).default(5),
  ROLECALL_UNCONFIRMED_HOLD_MS: int(0, 24 * 3_600_000).default(180_000),
  ROLECALL_UNCONFIRMED_SETTLE_MS: int(0, 24 * 3_600_000).default(60_000),
  ROLECALL_ACTION_RATE_LIMIT: int(1, 100_000).default(30),
  ROLECALL_AUTH: z.enum(["none", "msal"]).default("none"),
  ROLECALL_LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export interface Config {
  port: number;
  host: string;
  /** Origins besides http://HOST:PORT that may send requests (see security.ts). */
  allowedOrigins: string[];
  /** The classic Service Management upstream; `url` is "" when it is off (ROLECALL_UPSTREAM_URL=none). */
  upstream: {
    url: string;
    enabled: boolean;
    kind: "emulator" | "azure";
    identity: "passthrough" | "certificate";
    certPath?: string;
    keyPath?: string;
    caPath?: string;
    timeoutMs: number;
    retries: number;
    retryBaseMs: number;
    retryAfterCapMs: number;
  };
  /** Azure Resource Manager (extended cloud services, scale sets); absent when off. Timeouts and retries as `upstream`. */
  arm?: { url: string; identity: "passthrough" | "service" | "emulator" };
  subscriptions?: string[];
  dataDir: string;
  /** PostgreSQL's URL (replicas share it); undefined = SQLite in dataDir. */
  databaseUrl?: string;
  /** Serve GET /metrics (ROLECALL_METRICS=on). */
  metrics: boolean;
  /** How long a readiness check's outcome answers later probes (readiness.ts). */
  readyCacheMs: number;
  /** Oldest last good copy served when the upstream does not answer; 0 = none. */
  staleMaxMs: number;
  staticDir: string;
  cacheMs: number;
  poll: { fastMs: number; slowMs: number };
  trackerPollMs: number;
  trackerMaxFailures: number;
  unconfirmedHoldMs: number;
  /** From the request on, how long before Azure's idle state may settle an unconfirmed action. */
  unconfirmedSettleMs: number;
  actionRateLimit: number;
  /** `msal`: tokens verified against the authority in `settings` (see auth/msal-config.ts). */
  auth: { mode: "none" } | { mode: "msal"; settings: MsalAuthSettings };
  logLevel: string;
  /** CSP connect-src beyond 'self' (the sign-in mode adds its OIDC authority here). */
  connectSrc: string[];
}

// Hosts of the Service Management endpoint in each Azure cloud (public, China, US Gov, Germany).
const azureManagementHost = /^management\.core\.(windows\.net|chinacloudapi\.cn|usgovcloudapi\.net|cloudapi\.de)$/i;
// Hosts of Azure Resource Manager in the same clouds.
const azureArmHost = /^management\.(azure\.com|chinacloudapi\.cn|usgovcloudapi\.net|microsoftazure\.de)$/i;

/** Whether an auth mode identifies callers (every mode but `none`). */
function signsIn(mode: string): boolean {
  return mode !== "none";
}

const isWildcard = (host: string) => ["0.0.0.0", "::", "[::]", "::0"].includes(host);

export function isLoopback(host: string): boolean {
  return host === "localhost" || host === "::1" || host === "[::1]" || /^127(\.\d{1,3}){3}$/.test(host);
}

/** Reads and checks the environment; throws ConfigError naming the variable when a value is wrong. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  // Empty strings count as unset so `ROLECALL_X= npm start` falls back to the default.
  const present = Object.fromEntries(
    settings.map((s) => [s.name, env[s.name] === "" ? undefined : env[s.name]]),
  );
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? "configuration");
      const message = present[name] === undefined ? "is required" : issue.message;
      return `${name} ${message}`;
    });
    throw new ConfigError(`Invalid configuration: ${lines.join("; ")}. Run with --help to list the variables.`);
  }
  const e = parsed.data;
  // Checked here so a wrong URL fails at start naming the variable (never echoing it: it may hold a password).
  const store = storeChoice(e.ROLECALL_DATABASE_URL);
  const classicOn = e.ROLECALL_UPSTREAM_URL !== "none";
  const upstreamUrl = classicOn ? e.ROLECALL_UPSTREAM_URL.replace(/\/+$/, "") : "";
  const armUrl = e.ROLECALL_ARM_URL === "none" ? undefined : e.ROLECALL_ARM_URL.replace(/\/+$/, "");
  const kind =
    e.ROLECALL_UPSTREAM_KIND ??
    ([upstreamUrl, armUrl].some((u) => u && (azureManagementHost.test(new URL(u).hostname) || azureArmHost.test(new URL(u).hostname))) ? "azure" : "emulator");
  if (!classicOn && !armUrl) {
    throw new ConfigError("Invalid configuration: ROLECALL_UPSTREAM_URL and ROLECALL_ARM_URL are both none, so Rolecall would have nothing to show. Set at least one.");
  }
  // The classic Service Management API lists the subscriptions; without it they must be named.
  if (!classicOn && !e.ROLECALL_SUBSCRIPTIONS) {
    throw new ConfigError("Invalid configuration: ROLECALL_SUBSCRIPTIONS is required when ROLECALL_UPSTREAM_URL=none.");
  }
  // Who may read a subscription's audit is asked of Azure as the user, through Get Subscription of
  // the Service Management API; without it that check cannot be made, so this combination is refused.
  if (!classicOn && e.ROLECALL_AUTH === "msal" && e.ROLECALL_UPSTREAM_IDENTITY === "passthrough") {
    throw new ConfigError(
      "Invalid configuration: ROLECALL_UPSTREAM_URL=none with ROLECALL_AUTH=msal needs ROLECALL_UPSTREAM_IDENTITY=certificate. Rolecall checks a user's access to a subscription's audit through the Service Management API; without it, every signed-in member sees the audit and operations of every configured subscription, and setting certificate says you accept that.",
    );
  }
  // A placeholder token is for the emulator only: it must never be offered to Azure.
  if (armUrl && e.ROLECALL_ARM_IDENTITY === "emulator" && !isLoopback(new URL(armUrl).hostname)) {
    throw new ConfigError("Invalid configuration: ROLECALL_ARM_IDENTITY=emulator is only for an emulator on this machine; ROLECALL_ARM_URL is not a loopback URL.");
  }
  if (classicOn && e.ROLECALL_UPSTREAM_IDENTITY === "certificate" && (!e.ROLECALL_CERT_PATH || !e.ROLECALL_KEY_PATH)) {
    const missing = !e.ROLECALL_CERT_PATH ? "ROLECALL_CERT_PATH" : "ROLECALL_KEY_PATH";
    throw new ConfigError(`Invalid configuration: ${missing} is required when ROLECALL_UPSTREAM_IDENTITY=certificate.`);
  }
  if (classicOn && e.ROLECALL_UPSTREAM_IDENTITY === "certificate" && new URL(upstreamUrl).protocol !== "https:") {
    throw new ConfigError("Invalid configuration: ROLECALL_UPSTREAM_URL must be https:// when ROLECALL_UPSTREAM_IDENTITY=certificate.");
  }
  // Without sign-in anyone who can reach the port can reimage: only the local machine may.
  if (!signsIn(e.ROLECALL_AUTH) && !isLoopback(e.ROLECALL_HOST)) {
    throw new ConfigError(
      `Invalid configuration: ROLECALL_HOST=${e.ROLECALL_HOST} is not a loopback address, and ROLECALL_AUTH=none has no sign-in. Listen on 127.0.0.1, or configure sign-in.`,
    );
  }
  // Nor through a reverse proxy in front of a loopback listener: an outside origin listed here is
  // exactly such a proxy, and would hand reimage to whoever reaches it.
  const outside = signsIn(e.ROLECALL_AUTH) ? [] : (e.ROLECALL_ALLOWED_ORIGINS ?? []).filter((o) => !isLoopback(new URL(o).hostname));
  if (outside.length > 0) {
    throw new ConfigError(
      `Invalid configuration: ROLECALL_ALLOWED_ORIGINS lists ${outside.join(", ")}, which is not a loopback origin, and ROLECALL_AUTH=none has no sign-in. List only http://127.0.0.1:… or http://localhost:… origins, or configure sign-in.`,
    );
  }
  // A wildcard address is no origin a browser can use: without explicit origins every POST would be
  // refused (421), which looks like a bug rather than a missing setting.
  if (isWildcard(e.ROLECALL_HOST) && !e.ROLECALL_ALLOWED_ORIGINS?.length) {
    throw new ConfigError(
      `Invalid configuration: ROLECALL_HOST=${e.ROLECALL_HOST} listens on every address, so Rolecall cannot tell which origin browsers use. Set ROLECALL_ALLOWED_ORIGINS to the URL(s) people open, e.g. https://rolecall.example.com.`,
    );
  }
  // Read only in msal mode: `none` must start without any of these set.
  const auth: Config["auth"] = e.ROLECALL_AUTH === "msal" ? { mode: "msal", settings: loadMsalAuthSettings(env) } : { mode: "none" };
  return {
    port: e.ROLECALL_PORT,
    host: e.ROLECALL_HOST,
    allowedOrigins: e.ROLECALL_ALLOWED_ORIGINS ?? [],
    upstream: {
      url: upstreamUrl,
      enabled: classicOn,
      kind,
      identity: e.ROLECALL_UPSTREAM_IDENTITY,
      certPath: e.ROLECALL_CERT_PATH || undefined,
      keyPath: e.ROLECALL_KEY_PATH || undefined,
      caPath: e.ROLECALL_CA_PATH || undefined,
      timeoutMs: e.ROLECALL_UPSTREAM_TIMEOUT_MS,
      retries: e.ROLECALL_UPSTREAM_RETRIES,
      retryBaseMs: e.ROLECALL_RETRY_BASE_MS,
      retryAfterCapMs: e.ROLECALL_RETRY_AFTER_CAP_MS,
    },
    arm: armUrl ? { url: armUrl, identity: e.ROLECALL_ARM_IDENTITY } : undefined,
    subscriptions: e.ROLECALL_SUBSCRIPTIONS || undefined,
    dataDir: e.ROLECALL_DATA_DIR,
    databaseUrl: store.kind === "postgres" ? store.url : undefined,
    metrics: e.ROLECALL_METRICS === "on",
    readyCacheMs: e.ROLECALL_READY_CACHE_MS,
    staleMaxMs: e.ROLECALL_STALE_MAX_MS,
    staticDir: e.ROLECALL_STATIC_DIR,
    cacheMs: e.ROLECALL_CACHE_MS,
    poll: { fastMs: e.ROLECALL_POLL_FAST_MS, slowMs: e.ROLECALL_POLL_SLOW_MS },
    trackerPollMs: e.ROLECALL_TRACKER_POLL_MS,
    trackerMaxFailures: e.ROLECALL_TRACKER_MAX_FAILURES,
    unconfirmedHoldMs: e.ROLECALL_UNCONFIRMED_HOLD_MS,
    unconfirmedSettleMs: e.ROLECALL_UNCONFIRMED_SETTLE_MS,
    actionRateLimit: e.ROLECALL_ACTION_RATE_LIMIT,
    auth,
    logLevel: e.ROLECALL_LOG_LEVEL,
    // The browser talks to the authority itself (discovery, token endpoint) while signing in.
    connectSrc: auth.mode === "msal" ? authConnectSrc(auth.settings) : [],
  };
}
