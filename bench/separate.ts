import autocannon from "autocannon";
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { median, ms, SUB, timeInterleaved, WARMUP } from "./proxy.ts";

// `npm run bench` section "separate" (issue #12): the emulator and the proxy as child processes of
// their own, as in production (the in-process sections share one event loop between the upstream,
// the proxy and the client, which hides or adds costs). The 2,000-instance deployment of scenario
// `large` (bigfleet, production):
//  1. raw upstream fetch vs proxy read with its cache off, interleaved, medians: the proxy's cost;
//  2. 100 viewers polling through the proxy (autocannon, back to back), cache on and off, with and
//     without revalidation, and how many upstream reads that took (coalescing).
// The proxy runs with the Node flags `npm start` gives the server (scripts/server-node-flags.json).
// Extra Node flags for both children (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile them)
// come from ROLECALL_BENCH_NODE_ARGS. Figures only: nothing passes or fails.

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const SERVER_FLAGS = JSON.parse(readFileSync(join(ROOT, "scripts/server-node-flags.json"), "utf8")) as string[];
const RAW_PATH = `/${SUB}/services/hostedservices/bigfleet/deploymentslots/production`;
const API_PATH = `/api/subscriptions/${SUB}/services/bigfleet/deployments/production`;
/** What the proxy's classic transport sends upstream, so the raw fetch asks for the same reply. */
const RAW_HEADERS = { "x-ms-version": "2017-01-01", accept: "application/xml", "accept-encoding": "identity" };
/** Chromium's header: the proxy answers br, which a browser then decodes (so the client does too). */
const BROWSER_ENCODING = "gzip, deflate, br, zstd";
const SAMPLES = 40;
/** Untimed reads through a fresh proxy before the timed ones. */
const JIT_WARMUP = 30;
const RATIO_LIMIT_MS = 45_000;
const VIEWERS = 100;
const VIEWER_SECONDS = 8;
const START_TIMEOUT_MS = 60_000;
const LIMIT_MS = 150_000;
/** Linux reports CPU time in clock ticks of 1/100 s (USER_HZ). */
const CLOCK_TICKS = 100;

interface Child {
  url: string;
  pid: number | undefined;
  stop(): Promise<void>;
}

/**
 * Runs `script` under tsx and waits for the line announcing its URL (both entry points print one
 * with the port they got for port 0). Stopping sends SIGTERM, on which both close and exit 0, so a
 * --cpu-prof profile is written.
 */
function startChild(name: string, script: string, args: string[], env: Record<string, string>, announces: RegExp, flags: string[] = []): Promise<Child> {
  const nodeArgs = [...flags, ...(process.env.ROLECALL_BENCH_NODE_ARGS ?? "").split(/\s+/).filter(Boolean)];
  const child = spawn(process.execPath, [...nodeArgs, "--import", "tsx", join(ROOT, script), ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    await exited;
    clearTimeout(timer);
  };
  return new Promise<Child>((resolve, reject) => {
    let out = "";
    let err = "";
    let settled = false;
    const timer = setTimeout(() => fail(`did not start within ${START_TIMEOUT_MS / 1000} s`), START_TIMEOUT_MS);
    function fail(why: string) {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void stop().then(() => reject(new Error(`${name} ${why}${err ? `: ${err.trim().slice(-500)}` : ""}`)));
    }
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      if (settled) return; // what it prints once listening is not read
      out += chunk;
      const url = announces.exec(out)?.[1];
      if (!url) return;
      settled = true;
      clearTimeout(timer);
      resolve({ url, pid: child.pid, stop });
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (err = (err + chunk).slice(-4000)));
    child.once("exit", (code, signal) => fail(`exited (${signal ?? code}) before listening`));
  });
}

function startEmulator(): Promise<Child> {
  return startChild("emulator", "src/emulator/main.ts", ["--port", "0", "--scenario", "large", "--clock", "manual"], {}, /emulator listening on (\S+)/);
}

function startProxy(upstream: string, dataDir: string, cacheMs?: number): Promise<Child> {
  const env: Record<string, string> = {
    ROLECALL_PORT: "0",
    ROLECALL_UPSTREAM_URL: upstream,
    ROLECALL_ARM_URL: "none",
    ROLECALL_AUTH: "none",
    ROLECALL_DATA_DIR: dataDir,
    ROLECALL_STATIC_DIR: join(dataDir, "none"),
    // Shutdown races (autocannon's sockets closing) would log retries.
    ROLECALL_LOG_LEVEL: "error",
  };
  if (cacheMs !== undefined) env.ROLECALL_CACHE_MS = String(cacheMs);
  return startChild("proxy", "src/server/main.ts", [], env, /Rolecall listening on (\S+)/, SERVER_FLAGS);
}

/** One GET, read to the end and decoded to text (and, with `accept-encoding`, decompressed). */
async function timeText(url: string, headers: Record<string, string>): Promise<number> {
  const t0 = performance.now();
  const res = await fetch(url, { headers, signal: AbortSignal.timeout(30_000) });
  const body = await res.text();
  if (!res.ok || body.length === 0) throw new Error(`${url} answered ${res.status}`);
  return performance.now() - t0;
}

/** CPU time (user + system) a child has used so far, in ms; undefined where /proc is not there. */
async function cpuMs(child: Child): Promise<number | undefined> {
  try {
    const stat = await readFile(`/proc/${child.pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return undefined;
  }
}

async function ratio(emulator: Child, uncached: Child): Promise<void> {
  console.log(`  raw upstream fetch (XML read to the end, decoded) vs proxy read, cache off; interleaved, medians of N each:`);
  // A proxy in service has read many times: let the JIT settle before timing anything.
  for (let i = 0; i < JIT_WARMUP; i++) await timeText(uncached.url + API_PATH, { "accept-encoding": "identity" });
  // Identity first: like for like with the raw fetch, which is not compressed either. Then as a
  // browser asks, which adds compressing (proxy) and decompressing (client) ≈340 KB of JSON.
  for (const [label, encoding] of [["identity", "identity"], ["br (browser)", BROWSER_ENCODING]] as const) {
    const before = [await cpuMs(emulator), await cpuMs(uncached)] as const;
    const [raw, proxy] = await timeInterleaved(
      () => timeText(emulator.url + RAW_PATH, RAW_HEADERS),
      () => timeText(uncached.url + API_PATH, { "accept-encoding": encoding }),
      SAMPLES,
      RATIO_LIMIT_MS / 2,
    );
    const after = [await cpuMs(emulator), await cpuMs(uncached)] as const;
    const r = median(raw);
    const p = median(proxy);
    // Warm-up reads count here too: CPU is read around the whole run.
    const reads = raw.length + WARMUP;
    const cpu = (i: 0 | 1, n: number) => {
      const [b, a] = [before[i], after[i]];
      return a === undefined || b === undefined ? "?" : `${((a - b) / n).toFixed(1)} ms`;
    };
    console.log(
      `    Accept-Encoding ${label.padEnd(12)} raw ${ms(r)} | proxy ${ms(p)} (+${ms(p - r)}) | ratio ${(p / r).toFixed(2)} (target ≤ 1.3)  [N=${raw.length}]` +
        ` | CPU per read: emulator ${cpu(0, 2 * reads)}, proxy ${cpu(1, reads)}`,
    );
  }
}

interface Logged {
  method: string;
  path: string;
}

async function upstreamReads(emulator: Child): Promise<number> {
  const log = (await (await fetch(`${emulator.url}/_emulator/requests`)).json()) as Logged[];
  return log.filter((r) => r.method === "GET" && r.path.includes("/deploymentslots/")).length;
}

async function viewers(emulator: Child, proxies: { label: string; proxy: Child }[]): Promise<void> {
  console.log(`  ${VIEWERS} viewers polling back to back through the proxy (autocannon, ${VIEWER_SECONDS} s each, Accept-Encoding as a browser's):`);
  for (const { label, proxy } of proxies) {
    const url = proxy.url + API_PATH;
    for (let i = 0; i < JIT_WARMUP; i++) await timeText(url, { "accept-encoding": BROWSER_ENCODING });
    const first = await fetch(url, { headers: { "accept-encoding": "identity" } });
    await first.arrayBuffer();
    const etag = first.headers.get("etag") ?? "";
    // Full = every poll a 200 with the whole body (first polls, or no revalidation); revalidating =
    // a browser's steady poll, If-None-Match with the tag it holds (304 while nothing changed).
    for (const [mode, extra] of [["full", {}], ["revalidating", { "if-none-match": etag }]] as const) {
      await fetch(`${emulator.url}/_emulator/requests`, { method: "DELETE" });
      const r = await autocannon({ url, connections: VIEWERS, duration: VIEWER_SECONDS, headers: { "accept-encoding": BROWSER_ENCODING, ...extra } });
      const upstream = await upstreamReads(emulator);
      const kbPerReply = r.requests.total ? r.throughput.total / r.requests.total / 1024 : 0;
      console.log(
        `    ${label.padEnd(15)} ${mode.padEnd(12)} p50 ${String(r.latency.p50).padStart(4)} ms, p99 ${String(r.latency.p99).padStart(4)} ms | ` +
          `${String(Math.round(r.requests.average)).padStart(4)} req/s (${r["2xx"]} × 200, ${r["3xx"]} × 304), ${kbPerReply.toFixed(1)} KiB/reply | ` +
          `upstream reads ${(upstream / VIEWER_SECONDS).toFixed(1)}/s | errors ${r.errors + r.non2xx - r["3xx"]}`,
      );
    }
  }
}

async function run(dataDir: string, children: Child[]): Promise<void> {
  const emulator = await startEmulator();
  children.push(emulator);
  // One data directory each: the stores are SQLite files a process opens for itself.
  const uncached = await startProxy(emulator.url, join(dataDir, "uncached"), 0);
  children.push(uncached);
  const cached = await startProxy(emulator.url, join(dataDir, "cached"));
  children.push(cached);
  await ratio(emulator, uncached);
  await viewers(emulator, [
    { label: "cache on (1 s)", proxy: cached },
    { label: "cache off", proxy: uncached },
  ]);
}

export async function runSeparateBench(): Promise<void> {
  console.log("\n== separate processes (emulator, proxy and client each a process; large scenario: bigfleet production, 2,000 instances) ==");
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`separate bench exceeded ${LIMIT_MS / 1000} s`)), LIMIT_MS);
  });
  const dataDir = await mkdtemp(join(tmpdir(), "rolecall-bench-separate-"));
  // Stopped here, not in run(): when the time limit strikes, run() is still going.
  const children: Child[] = [];
  try {
    await Promise.race([run(dataDir, children), limit]);
  } catch (err) {
    console.log(`  separate bench failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  } finally {
    clearTimeout(timer);
    await Promise.all(children.map((c) => c.stop()));
    await rm(dataDir, { recursive: true, force: true });
  }
}
