import autocannon from "autocannon";
import https from "node:https";
import { median, ms, SUB, timeGet, timeGets, timeInterleaved, withStack } from "./proxy.ts";

// `npm run bench` section "extended": the proxy figures of bench/proxy.ts (overhead against the
// emulator, coalescing under many viewers, throughput of cached reads) for Cloud Services (extended
// support) over ARM: the 1,000-instance cloud service of the `large` scenario. The emulator's ARM
// face is HTTPS with a self-signed CA; the proxy's `extended` backend trusts it via ROLECALL_CA_PATH.
// Loopback only; each part is bounded in count and time.

const RG = "rg-bigfleet";
const CS = "bigfleet-cses";
const API_VERSION = "2024-11-04";
const LABEL = "large extended (1,000)";
/** Sequential samples per side for the overhead medians (each read is ~11 upstream calls). */
const SAMPLES = 40;
/** Neither overhead loop runs longer than this, whatever SAMPLES says (N printed is what was taken). */
const OVERHEAD_LIMIT_MS = 60_000;
/** A page count above this is a nextLink loop, not an answer. */
const MAX_PAGES = 100;

const viaProxy = `/api/subscriptions/${SUB}/resourceGroups/${RG}/cloudServices/${CS}`;
const armPath = `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.Compute/cloudServices/${CS}`;

interface Direct {
  /** The resource GET and every page of the instance list, as the proxy fetches them. */
  read(): Promise<{ calls: number; bytes: number }>;
  close(): void;
}

/** Reads straight from the emulator's ARM face over node:https (global fetch takes no custom CA). */
function directArm(armUrl: string, ca: string): Direct {
  const agent = new https.Agent({ keepAlive: true, ca });
  const get = (url: string) =>
    new Promise<{ json: unknown; bytes: number }>((done, fail) => {
      const req = https.get(url, { agent, headers: { authorization: "Bearer x", accept: "application/json" }, timeout: 30_000 }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("error", fail);
        res.on("end", () => {
          const body = Buffer.concat(chunks);
          if ((res.statusCode ?? 0) >= 300) return fail(new Error(`${url} answered ${res.statusCode}`));
          try {
            done({ json: JSON.parse(body.toString("utf8")) as unknown, bytes: body.length });
          } catch (err) {
            fail(err instanceof Error ? err : new Error(String(err)));
          }
        });
      });
      req.on("timeout", () => req.destroy(new Error(`${url} timed out`)));
      req.on("error", fail);
    });

  async function pages(): Promise<{ calls: number; bytes: number }> {
    let next: string | undefined = `${armUrl}${armPath}/roleInstances?$expand=instanceView&api-version=${API_VERSION}`;
    let calls = 0;
    let bytes = 0;
    let items = 0;
    while (next) {
      if (calls >= MAX_PAGES) throw new Error(`more than ${MAX_PAGES} pages`);
      const r = await get(next);
      const p = r.json as { value: unknown[]; nextLink?: string | null };
      calls++;
      bytes += r.bytes;
      items += p.value.length;
      next = p.nextLink ?? undefined;
    }
    if (items !== 1000) throw new Error(`expected 1,000 role instances, got ${items}`);
    return { calls, bytes };
  }

  return {
    // In parallel, like the proxy's readTarget: the resource, and the pages one after another.
    async read() {
      const [resource, list] = await Promise.all([get(`${armUrl}${armPath}?api-version=${API_VERSION}`), pages()]);
      return { calls: 1 + list.calls, bytes: resource.bytes + list.bytes };
    },
    close: () => agent.destroy(),
  };
}

const timed = async (fn: () => Promise<unknown>): Promise<number> => {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
};

const kb = (bytes: number) => `${Math.round(bytes / 1024)} KB`;

async function overhead(): Promise<void> {
  console.log(`\nOverhead (extended): GET cloud service, sequential, ARM direct and proxy interleaved in one run, medians of N each`);
  console.log("  (direct = resource GET ∥ the instance list's pages one by one over keep-alive HTTPS, JSON-parsed; proxy cache off = the proxy does");
  console.log("   the same calls, validates, maps to Rolecall's deployment shape and serialises; cached = none of that; ratio = proxy uncached / direct)");
  const uncached = await withStack(
    "large",
    { ROLECALL_CACHE_MS: "0" },
    async (emu, proxyUrl) => {
      if (!emu.arm) throw new Error("the emulator started without its ARM face");
      const direct = directArm(emu.arm.url, emu.arm.ca);
      try {
        const shape = await direct.read();
        const proxyBytes = (await (await fetch(proxyUrl + viaProxy)).arrayBuffer()).byteLength;
        const [d, p] = await timeInterleaved(() => timed(() => direct.read()), () => timeGet(proxyUrl + viaProxy, {}), SAMPLES, OVERHEAD_LIMIT_MS);
        return { direct: median(d), proxy: median(p), n: d.length, shape, proxyBytes };
      } finally {
        direct.close();
      }
    },
    { arm: true },
  );
  const cached = await withStack("large", {}, async (_emu, proxyUrl) => median(await timeGets(proxyUrl + viaProxy, {}, SAMPLES, OVERHEAD_LIMIT_MS)), { arm: true });
  const { direct, proxy, n, shape, proxyBytes } = uncached;
  console.log(
    `  ${LABEL.padEnd(24)} ARM direct ${ms(direct)} | proxy uncached ${ms(proxy)} (+${ms(proxy - direct)}, ratio ${(proxy / direct).toFixed(2)}) | proxy cached ${ms(cached)}  [N=${n}]`,
  );
  console.log(`  ${"".padEnd(24)} one read = ${shape.calls} upstream calls, ${kb(shape.bytes)} of ARM JSON in → ${kb(proxyBytes)} out of the proxy`);
}

async function coalescing(): Promise<void> {
  const periodMs = 2000;
  const durationMs = 6000;
  console.log(`\nCoalescing (extended): V viewers each polling the cloud service every ${periodMs / 1000} s for ${durationMs / 1000} s (cache 1000 ms)`);
  console.log("  (one upstream read of the target = the resource GET + every page of the instance list)");
  await withStack(
    "large",
    {},
    async (emu, proxyUrl) => {
      for (const viewers of [1, 10, 100]) {
        await fetch(`${emu.url}/_emulator/requests`, { method: "DELETE" });
        const end = Date.now() + durationMs;
        let reads = 0;
        let failed = 0;
        const viewer = async () => {
          await new Promise((r) => setTimeout(r, Math.random() * periodMs));
          while (Date.now() < end) {
            const started = Date.now();
            const res = await fetch(proxyUrl + viaProxy);
            await res.arrayBuffer();
            if (res.ok) reads++;
            else failed++;
            await new Promise((r) => setTimeout(r, Math.max(0, periodMs - (Date.now() - started))));
          }
        };
        await Promise.all(Array.from({ length: viewers }, viewer));
        const log = (await (await fetch(`${emu.url}/_emulator/requests`)).json()) as { face: string; method: string; path: string }[];
        const arm = log.filter((r) => r.face === "arm" && r.method === "GET");
        const targetReads = arm.filter((r) => r.path.toLowerCase() === armPath.toLowerCase()).length;
        console.log(
          `  ${String(viewers).padStart(3)} viewers: ${String(reads).padStart(4)} proxy reads${failed ? ` (+${failed} failed)` : ""} → ${String(targetReads).padStart(2)} upstream target reads (${String(arm.length).padStart(3)} ARM calls) = ${(targetReads / (durationMs / 1000)).toFixed(2)} target reads/s, ${(arm.length / (durationMs / 1000)).toFixed(1)} ARM calls/s`,
        );
      }
    },
    { arm: true },
  );
}

async function throughput(): Promise<void> {
  console.log("\nThroughput (extended): cached cloud service reads with autocannon (10 connections, 5 s)");
  await withStack(
    "large",
    {},
    async (_emu, proxyUrl) => {
      const url = proxyUrl + viaProxy;
      await fetch(url).then((r) => r.arrayBuffer());
      const r = await autocannon({ url, connections: 10, duration: 5 });
      console.log(
        `  ${LABEL.padEnd(24)} ${Math.round(r.requests.average)} req/s | latency p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms | non-2xx ${r.non2xx}, errors ${r.errors}`,
      );
    },
    { arm: true },
  );
}

/** The extended section of `npm run bench`. */
export async function runExtendedBench(): Promise<void> {
  console.log("== Extended (ARM) ==");
  await overhead();
  await coalescing();
  await throughput();
}
