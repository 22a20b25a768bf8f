import { chromium, type Browser } from "@playwright/test";
import { existsSync, statSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { request as httpRequest } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "vite";
import { startStack } from "../e2e/stack.ts";
import { firstRowPaintedAfterData } from "./web.ts";

// `npm run bench` section "wire" (issue #12): what one viewer of the 2,000-instance deployment
// (scenario large, service bigfleet, production) costs on the wire, over loopback:
//  1. bytes per poll (response headers and body as they cross the socket): the first poll, and a
//     steady poll revalidated with If-None-Match after the proxy's read cache (1 s) has expired, so
//     it is a new upstream fetch; identity and br;
//  2. the JavaScript the deep link to that deployment loads, every chunk, raw and brotli (the
//     precompressed .br files the proxy serves), in headless Chromium from a production build;
//  3. the first row painted after the data arrived (the web section's figure, from a bench build).
// Figures only: nothing passes or fails.

const SUB = "7d9c1d9e-3c4b-4f5a-8e2d-1a2b3c4d5e6f";
const API_PATH = `/api/subscriptions/${SUB}/services/bigfleet/deployments/production`;
const PAGE_PATH = `/s/${SUB}/services/bigfleet/production`;
const LIMIT_MS = 240_000;
/** The proxy's default read cache; steady polls are taken after it, so each is a new upstream fetch. */
const CACHE_MS = 1_000;
const STEADY_POLLS = 3;
const RUNS = 5;

interface Wire {
  status: number;
  /** Bytes the response took on the socket: status line, headers and body. */
  received: number;
  /** Bytes of the body alone, as sent (compressed or not). */
  body: number;
  etag: string;
}

/** One GET on a socket of its own, so that the socket's byte count is this response's. */
function poll(base: string, path: string, headers: Record<string, string>): Promise<Wire> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: url.hostname, port: url.port, path, agent: false, headers: { connection: "close", ...headers }, timeout: 30_000 }, (res) => {
      let body = 0;
      res.on("data", (c: Buffer) => (body += c.length));
      res.on("error", reject);
      res.on("end", () => {
        // The socket closes after this reply (Connection: close); its count is then final.
        res.socket.once("close", () => resolve({ status: res.statusCode ?? 0, received: res.socket.bytesRead, body, etag: res.headers.etag ?? "" }));
        res.socket.resume();
      });
    });
    req.on("timeout", () => req.destroy(new Error(`${path} timed out`)));
    req.on("error", reject);
    req.end();
  });
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

async function bytesPerPoll(base: string): Promise<void> {
  console.log(`  bytes per poll per viewer (response headers + body; steady = If-None-Match, > ${CACHE_MS} ms apart, a new upstream fetch each):`);
  for (const [label, encoding] of [["identity", "identity"], ["br", "br, gzip"]] as const) {
    const first = await poll(base, API_PATH, { "accept-encoding": encoding });
    if (first.status !== 200) throw new Error(`first poll answered ${first.status}`);
    const steady: Wire[] = [];
    for (let i = 0; i < STEADY_POLLS; i++) {
      await sleep(CACHE_MS + 200);
      steady.push(await poll(base, API_PATH, { "accept-encoding": encoding, "if-none-match": first.etag }));
    }
    const statuses = [...new Set(steady.map((s) => s.status))].join("/");
    const steadyBytes = median(steady.map((s) => s.received));
    console.log(
      `    ${label.padEnd(8)} first poll ${kb(first.received).padStart(9)} (body ${kb(first.body)}), steady poll ${String(steadyBytes).padStart(4)} B (${statuses}, median of ${steady.length})` +
        ` → ${kb((steadyBytes * 60_000) / 15_000)}/min at the 15 s steady poll (without revalidation: ${kb((first.received * 60_000) / 15_000)}/min)`,
    );
  }
}

/** Every script the page at `url` loads until the table shows and the network is idle. */
async function deepLinkJs(browser: Browser, base: string, outDir: string): Promise<void> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  try {
    const page = await context.newPage();
    const scripts = new Map<string, number>();
    page.on("requestfinished", (req) => {
      if (req.resourceType() !== "script") return;
      void req.sizes().then((s) => scripts.set(new URL(req.url()).pathname, s.responseBodySize));
    });
    await page.goto(base + PAGE_PATH);
    await page.locator("tr[data-instance]").first().waitFor({ timeout: 30_000 });
    await page.waitForLoadState("networkidle");
    let raw = 0;
    let br = 0;
    let transferred = 0;
    const rows: string[] = [];
    for (const [path, onWire] of [...scripts].sort()) {
      const file = join(outDir, path);
      const size = existsSync(file) ? statSync(file).size : NaN;
      const brSize = existsSync(`${file}.br`) ? statSync(`${file}.br`).size : size;
      raw += size;
      br += brSize;
      transferred += onWire;
      rows.push(`      ${path.replace(/^\/assets\//, "").padEnd(34)} ${kb(size).padStart(9)} raw ${kb(brSize).padStart(8)} br`);
    }
    console.log(
      `  JavaScript the deep link loads (${PAGE_PATH.replace(SUB, "<sub>")}, production build, ${scripts.size} file${scripts.size === 1 ? "" : "s"}): ` +
        `${kb(raw)} raw, ${kb(br)} br (${br} B; ${transferred} B on the wire as Chromium fetched it)`,
    );
    for (const row of rows) console.log(row);
  } finally {
    await context.close();
  }
}

async function run(): Promise<void> {
  const outDir = await mkdtemp(join(tmpdir(), "rolecall-bench-wire-"));
  const benchDir = await mkdtemp(join(tmpdir(), "rolecall-bench-wire-paint-"));
  await build({ logLevel: "error", build: { outDir, emptyOutDir: true } });
  await build({ mode: "bench", logLevel: "error", build: { outDir: benchDir, emptyOutDir: true } });
  const stack = await startStack({ scenario: "large", staticDir: outDir, env: { ROLECALL_CACHE_MS: String(CACHE_MS) } });
  const paintStack = await startStack({ scenario: "large", staticDir: benchDir });
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
  });
  try {
    await bytesPerPoll(stack.url);
    await deepLinkJs(browser, stack.url, outDir);
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const { samples, instances } = await firstRowPaintedAfterData(page, paintStack.url + PAGE_PATH, API_PATH, RUNS);
    console.log(`  first row painted after the data arrived (${instances} instances): median ${median(samples).toFixed(1)} ms over ${samples.length} loads (min ${Math.min(...samples).toFixed(1)}, max ${Math.max(...samples).toFixed(1)})`);
  } finally {
    await browser.close();
    await stack.close();
    await paintStack.close();
    await rm(outDir, { recursive: true, force: true });
    await rm(benchDir, { recursive: true, force: true });
  }
}

export async function runWireBench(): Promise<void> {
  console.log("\n== wire (loopback, large scenario: bigfleet production, 2,000 instances) ==");
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`wire bench exceeded ${LIMIT_MS / 1000} s`)), LIMIT_MS);
  });
  try {
    await Promise.race([run(), limit]);
  } catch (err) {
    console.log(`  wire bench failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  } finally {
    clearTimeout(timer);
  }
}
