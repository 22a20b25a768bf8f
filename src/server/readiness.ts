import type { Ready } from "../shared/api.ts";
import type { Config } from "./config.ts";
import type { ArmTransport } from "./backends/arm/transport.ts";
import type { Transport } from "./backends/classic/transport.ts";
import { ProxyError } from "./errors.ts";
import type { Log } from "./operations/tracker.ts";
import type { Store } from "./store/types.ts";
import { UpstreamError } from "./upstream/errors.ts";
import { identityFor } from "./upstream/identity.ts";

/** Longest a readiness probe waits for any one part: a load balancer's probe must not hang. */
export const READY_TIMEOUT_MS = 3000;

export type Readiness = () => Promise<Ready>;

function within<T>(ms: number, what: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms / 1000} s`)), ms);
  });
  return Promise.race([what, timeout]).finally(() => clearTimeout(timer));
}

/** An upstream "answers" when it sends any HTTP reply but a server error: a 401 to an anonymous probe is an answer. */
function answered(status: number): void {
  if (status >= 500) throw new Error(`it answered ${status}`);
}

/** The failure for the log: a URL's user and password (a database URL in a driver's message) never written. */
const why = (err: unknown) => (err instanceof UpstreamError || err instanceof Error ? err.message : String(err)).replace(/\/\/[^/@\s]*@/g, "//…@");

/**
 * GET /api/health/ready: the store pings, and each configured upstream answers a cheap read (the
 * list of subscriptions, as Rolecall itself, no person's token), each within READY_TIMEOUT_MS.
 * Rejects with a 503 NotReady naming every part that did not, and only that: the probe is
 * unauthenticated, and a driver's message names hosts, databases and users. The log has the detail.
 *
 * The probe needs no sign-in and has no rate limit, so anyone could spend Azure's request budget
 * (and this subscription's throttling) through it: one check answers every probe that comes while
 * it runs and for `config.readyCacheMs` after it ended, a success or a failure alike.
 */
export function createReadiness(deps: { config: Config; store: Store; classic?: Transport; arm?: ArmTransport; log?: Log }): Readiness {
  const check = checkReadiness(deps);
  let last: { outcome: Promise<Ready>; endedAt?: number } | undefined;
  return () => {
    if (last && (last.endedAt === undefined || performance.now() - last.endedAt < deps.config.readyCacheMs)) return last.outcome;
    const entry: { outcome: Promise<Ready>; endedAt?: number } = { outcome: check() };
    const ended = () => {
      entry.endedAt = performance.now();
    };
    entry.outcome.then(ended, ended);
    last = entry;
    return entry.outcome;
  };
}

/** One readiness check, every part at once (see createReadiness). */
function checkReadiness(deps: { config: Config; store: Store; classic?: Transport; arm?: ArmTransport; log?: Log }): Readiness {
  const timeoutMs = Math.min(READY_TIMEOUT_MS, deps.config.upstream.timeoutMs);
  const checks: [string, () => Promise<unknown>][] = [[`the store (${deps.store.kind === "postgres" ? "PostgreSQL" : "SQLite"})`, () => deps.store.ping()]];
  const { classic, arm } = deps;
  if (classic) {
    const identity = identityFor(deps.config.upstream.identity, undefined);
    checks.push(["the classic upstream (Service Management)", async () => answered((await classic.send("GET", "/subscriptions", identity, undefined, timeoutMs)).status)]);
  }
  if (arm) checks.push(["Azure Resource Manager", async () => answered((await arm.send("GET", "/subscriptions?api-version=2022-12-01", undefined, undefined, timeoutMs)).status)]);
  return async () => {
    const results = await Promise.all(
      checks.map(async ([name, check]) => {
        const started = performance.now();
        try {
          await within(timeoutMs, check());
          return { name, ms: Math.round(performance.now() - started), failed: undefined };
        } catch (err) {
          return { name, ms: undefined, failed: why(err) };
        }
      }),
    );
    const failed = results.filter((r) => r.failed !== undefined);
    if (failed.length > 0) {
      for (const r of failed) deps.log?.warn({ part: r.name, reason: r.failed }, "readiness: a part did not answer");
      throw new ProxyError("NotReady", `Not ready: ${failed.map((r) => `${r.name} did not answer`).join("; ")}.`);
    }
    const upstreams: Ready["upstreams"] = {};
    for (const r of results.slice(1)) if (r.ms !== undefined) upstreams[r.name.includes("classic") ? "classic" : "arm"] = { ms: r.ms };
    return { ok: true, store: deps.store.kind, upstreams };
  };
}
