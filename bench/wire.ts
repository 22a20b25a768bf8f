import { chromium, type Browser } from "@playwright/test";
import { existsSync, statSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { request as httpRequest } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "vite";
import { startStack } from "../e2e/stack.ts";
import { composition } from "./bundle.ts";
import { firstRowPaintedAfterData } from "./web.ts";

// `npm run bench` section "wire" (issue #12): what one viewer of the 2,000-instance deployment
// (scenario large, service bigfleet, production) costs on the wire, over loopback:
//  1. bytes per poll (response headers and body as they cross the socket): the first poll, and a
//     steady poll revalidated with If-None-Match after the proxy's read cache (1 s) has expired, so
//     it is a new upstream fetch; identity and br;
//  2. the JavaScript the deep link to that deployment loads (auth none), every chunk Chromium fetched
//     until the table showed and the network was idle: raw, gzip and brotli (the precompressed files
//     the proxy serves), and what was sent in the encoding the proxy chose; the total against the
//     budget (issue #12: 120 KB); and what those bytes carry, by library and source folder (from
//     the build's source map, see bench/bundle.ts);
//  3. the first row painted after the data arrived (the web section's figure, from a bench build),
//     against its budget (150 ms).
// Figures only: nothing passes or fails.

const SUB = "7d9c1d9e-3c4b-4f5a-8e2d-1a2b3c4d5e6f";
const API_PATH = `/api/subscriptions/${SUB}/services/bigfleet/deployments/production`;
const PAGE_PATH = `/s/${SUB}/services/bigfleet/production`;
const LIMIT_MS = 240_000;
/** The proxy's default read cache; steady polls are taken after it, so each is a new upstream fetch. */
const CACHE_MS = 1_000;
const STEADY_POLLS = 3;
const RUNS = 5;
/** Issue #12's budgets: the deep link's JavaScript after compression, and the first row's paint. */
const JS_BUDGET = 120_000;
const PAINT_BUDGET_MS = 150;

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

/** A cell of the per-chunk table: KiB with one decimal, right-aligned. */
const cell = (n: number) => kb(n).padStart(10);
const fileSize = (path: string) => (existsSync(path) ? statSync(path).size : NaN);

/** Every script the deep link loads until the table shows and the network is idle, and what it carries. */
async function deepLinkJs(browser: Browser, base: string, outDir: string): Promise<void> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  try {
    const page = await context.newPage();
    const scripts = new Map<string, { sent: number; encoding: string }>();
    const pending: Promise<void>[] = [];
    page.on("requestfinished", (req) => {
      if (req.resourceType() !== "script") return;
      pending.push(
        Promise.all([req.sizes(), req.response()]).then(([sizes, res]) => {
          scripts.set(new URL(req.url()).pathname, { sent: sizes.responseBodySize, encoding: res?.headers()["content-encoding"] ?? "identity" });
        }),
      );
    });
    await page.goto(base + PAGE_PATH);
    await page.locator("tr[data-instance]").first().waitFor({ timeout: 30_000 });
    await page.waitForLoadState("networkidle");
    await Promise.all(pending);
    const totals = { raw: 0, gzip: 0, br: 0, sent: 0 };
    const rows: string[] = [];
    for (const [path, { sent, encoding }] of [...scripts].sort()) {
      const file = join(outDir, path);
      const raw = fileSize(file);
      const gzip = existsSync(`${file}.gz`) ? fileSize(`${file}.gz`) : raw;
      const br = existsSync(`${file}.br`) ? fileSize(`${file}.br`) : raw;
      totals.raw += raw;
      totals.gzip += gzip;
      totals.br += br;
      totals.sent += sent;
      rows.push(`      ${path.replace(/^\/assets\//, "").padEnd(34)}${cell(raw)}${cell(gzip)}${cell(br)}${cell(sent)} ${encoding}`);
    }
    const over = totals.sent - JS_BUDGET;
    console.log(`  JavaScript the deep link loads (${PAGE_PATH.replace(SUB, "<sub>")}, production build, auth none; ${scripts.size} file${scripts.size === 1 ? "" : "s"}):`);
    console.log(`      ${"file".padEnd(34)}${"raw".padStart(10)}${"gzip".padStart(10)}${"brotli".padStart(10)}${"sent".padStart(10)} encoding`);
    for (const row of rows) console.log(row);
    console.log(`      ${"total".padEnd(34)}${cell(totals.raw)}${cell(totals.gzip)}${cell(totals.br)}${cell(totals.sent)}`);
    console.log(
      `    sent: ${totals.sent} B against the ${JS_BUDGET / 1000} KB budget (${JS_BUDGET} B): ${over > 0 ? `${over} B over` : `${-over} B under`}` +
        `; the MSAL chunk ${[...scripts.keys()].some((p) => /\/msal-/.test(p)) ? "WAS" : "was not"} fetched`,
    );
    console.log("  what that JavaScript carries (minified bytes by source; brotli: what each adds to the total, i.e. what leaving it out would save):");
    for (const share of await composition([...scripts.keys()].map((p) => join(outDir, p)))) {
      console.log(`      ${share.group.padEnd(50)}${cell(share.raw)} raw${cell(share.brotli)} br`);
    }
  } finally {
    await context.close();
  }
}

async function run(): Promise<void> {
  const outDir = await mkdtemp(join(tmpdir(), "rolecall-bench-wire-"));
  const benchDir = await mkdtemp(join(tmpdir(), "rolecall-bench-wire-paint-"));
  // Hidden source maps: the same files as `npm run build` (no comment pointing at the map), traced.
  await build({ logLevel: "error", build: { outDir, emptyOutDir: true, sourcemap: "hidden" } });
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
    console.log(
      `  first row painted after the data arrived (${instances} instances): median ${median(samples).toFixed(1)} ms over ${samples.length} loads ` +
        `(min ${Math.min(...samples).toFixed(1)}, max ${Math.max(...samples).toFixed(1)}); budget ${PAINT_BUDGET_MS} ms`,
    );
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
