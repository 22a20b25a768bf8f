import autocannon from "autocannon";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEmulator, type EmulatorHandle } from "../src/emulator/index.ts";
import { startProxy } from "../src/server/main.ts";

// Proxy figures (issue 3): overhead against the emulator, coalescing under many viewers, and
// throughput of cached reads. Loopback only; each part is bounded in time.

export const SUB = "7d9c1d9e-3c4b-4f5a-8e2d-1a2b3c4d5e6f";

interface Target {
  label: string;
  scenario: "demo" | "large";
  service: string;
  /** Sequential samples for the overhead medians. */
  samples: number;
}

const targets: Target[] = [
  { label: "demo (7 instances)", scenario: "demo", service: "contoso-web", samples: 300 },
  { label: "large (2,000 instances)", scenario: "large", service: "bigfleet", samples: 60 },
];

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
};
export const ms = (x: number) => `${x.toFixed(2)} ms`;

export const WARMUP = 10; // first requests warm up connections and the JIT; not counted

/** No single timed request may take longer than this. */
const REQUEST_TIMEOUT_MS = 30_000;

export async function timeGet(url: string, headers: Record<string, string>): Promise<number> {
  const t0 = performance.now();
  const res = await fetch(url, { headers, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`${url} answered ${res.status}`);
  return performance.now() - t0;
}

/** `samples` sequential GETs after WARMUP; stops early (fewer samples) once `limitMs` has passed. */
export async function timeGets(url: string, headers: Record<string, string>, samples: number, limitMs = Infinity): Promise<number[]> {
  const times: number[] = [];
  const deadline = Date.now() + limitMs;
  for (let i = 0; i < samples + WARMUP && Date.now() < deadline; i++) {
    const t = await timeGet(url, headers);
    if (i >= WARMUP) times.push(t);
  }
  return times;
}

/** One timed read: resolves to its duration in ms (and throws on a non-2xx answer). */
export type Timed = () => Promise<number>;

/**
 * Times `a` and `b` in one run, interleaved (a b, b a, a b, …: neither always goes first), the
 * same number of times each, so drift in machine load or GC state hits both sides alike. Stops
 * early (fewer samples, still the same number each) once `limitMs` has passed.
 */
export async function timeInterleaved(a: Timed, b: Timed, samples: number, limitMs = Infinity): Promise<[number[], number[]]> {
  const ta: number[] = [];
  const tb: number[] = [];
  const deadline = Date.now() + limitMs;
  for (let i = 0; i < samples + WARMUP && Date.now() < deadline; i++) {
    const aFirst = i % 2 === 0;
    const first = await (aFirst ? a : b)();
    const second = await (aFirst ? b : a)();
    if (i < WARMUP) continue;
    ta.push(aFirst ? first : second);
    tb.push(aFirst ? second : first);
  }
  return [ta, tb];
}

/**
 * Emulator + proxy on loopback for the length of `fn`. With `arm`, the emulator also serves its ARM
 * face (HTTPS, self-signed CA) and the proxy gets the `extended` backend pointed at it.
 */
export async function withStack<T>(
  scenario: Target["scenario"],
  env: Record<string, string>,
  fn: (emu: EmulatorHandle, proxyUrl: string) => Promise<T>,
  opts: { arm?: boolean } = {},
): Promise<T> {
  const emu = await startEmulator({ port: 0, clock: "manual", scenario, ...(opts.arm ? { arm: { port: 0 } } : {}) });
  const armEnv: Record<string, string> = emu.arm ? { ROLECALL_ARM_URL: emu.arm.url, ROLECALL_CA_PATH: emu.arm.caPath, ROLECALL_ARM_IDENTITY: "emulator" } : {};
  const dataDir = mkdtempSync(join(tmpdir(), "rolecall-bench-"));
  const proxy = await startProxy({
    ROLECALL_PORT: "0",
    ROLECALL_UPSTREAM_URL: emu.url,
    ROLECALL_DATA_DIR: dataDir,
    ROLECALL_STATIC_DIR: join(dataDir, "none"),
    ROLECALL_LOG_LEVEL: "error", // shutdown races (autocannon sockets closing) would log retries
    ...armEnv,
    ...env,
  });
  try {
    return await fn(emu, proxy.url);
  } finally {
    await proxy.close();
    await emu.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function overhead(): Promise<void> {
  console.log("\nOverhead: GET deployment, sequential, emulator direct and proxy interleaved in one run, medians of N each");
  console.log("  (proxy cache off = every read goes upstream; ratio = proxy uncached / emulator direct; target ≤ 1.3)");
  for (const t of targets) {
    const direct = `/${SUB}/services/hostedservices/${t.service}/deploymentslots/production`;
    const viaProxy = `/api/subscriptions/${SUB}/services/${t.service}/deployments/production`;
    const uncached = await withStack(t.scenario, { ROLECALL_CACHE_MS: "0" }, async (emu, proxyUrl) => {
      const [emulator, proxy] = await timeInterleaved(
        () => timeGet(emu.url + direct, { "x-ms-version": "2017-01-01" }),
        () => timeGet(proxyUrl + viaProxy, {}),
        t.samples,
      );
      return { emulator: median(emulator), proxy: median(proxy) };
    });
    const cached = await withStack(t.scenario, {}, async (_emu, proxyUrl) => median(await timeGets(proxyUrl + viaProxy, {}, t.samples)));
    console.log(
      `  ${t.label.padEnd(24)} emulator ${ms(uncached.emulator)} | proxy uncached ${ms(uncached.proxy)} (+${ms(uncached.proxy - uncached.emulator)}, ratio ${(uncached.proxy / uncached.emulator).toFixed(2)}) | proxy cached ${ms(cached)}  [N=${t.samples}]`,
    );
  }
}

async function coalescing(): Promise<void> {
  const periodMs = 2000;
  const durationMs = 6000;
  console.log(`\nCoalescing: V viewers each polling one deployment every ${periodMs / 1000} s for ${durationMs / 1000} s (cache 1000 ms)`);
  await withStack("demo", {}, async (emu, proxyUrl) => {
    const path = `/api/subscriptions/${SUB}/services/contoso-web/deployments/production`;
    for (const viewers of [1, 10, 100]) {
      await fetch(`${emu.url}/_emulator/requests`, { method: "DELETE" });
      const end = Date.now() + durationMs;
      let reads = 0;
      // Each viewer starts at a random phase, as real browsers would.
      const viewer = async () => {
        await new Promise((r) => setTimeout(r, Math.random() * periodMs));
        while (Date.now() < end) {
          const started = Date.now();
          const res = await fetch(proxyUrl + path);
          await res.arrayBuffer();
          reads++;
          await new Promise((r) => setTimeout(r, Math.max(0, periodMs - (Date.now() - started))));
        }
      };
      await Promise.all(Array.from({ length: viewers }, viewer));
      const log = (await (await fetch(`${emu.url}/_emulator/requests`)).json()) as { method: string }[];
      const upstream = log.filter((r) => r.method === "GET").length;
      console.log(
        `  ${String(viewers).padStart(3)} viewers: ${String(reads).padStart(4)} proxy reads → ${String(upstream).padStart(2)} upstream calls = ${(upstream / (durationMs / 1000)).toFixed(2)} upstream calls/s`,
      );
    }
  });
}

async function throughput(): Promise<void> {
  console.log("\nThroughput: cached deployment reads with autocannon (10 connections, 5 s each)");
  for (const t of targets) {
    await withStack(t.scenario, {}, async (_emu, proxyUrl) => {
      const url = `${proxyUrl}/api/subscriptions/${SUB}/services/${t.service}/deployments/production`;
      await fetch(url).then((r) => r.arrayBuffer());
      const r = await autocannon({ url, connections: 10, duration: 5 });
      console.log(
        `  ${t.label.padEnd(24)} ${Math.round(r.requests.average)} req/s | latency p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms | non-2xx ${r.non2xx}, errors ${r.errors}`,
      );
    });
  }
}

/** The proxy section of `npm run bench`. */
export async function runProxyBench(): Promise<void> {
  console.log("== Proxy ==");
  await overhead();
  await coalescing();
  await throughput();
}
