import { median, ms, SUB, timeGet, withStack } from "./proxy.ts";

// `npm run bench` section "triage" (issue #14): what one refresh of the triage view costs on the
// `large` scenario (50 classic services, a cloud service with extended support, a scale set: 52
// targets, 4,098 instances). Upstream calls per refresh from the emulator's request log, cold and
// within the cache period; latency of a refresh with the cache off (every target read) and on; and
// viewers sharing the reads. Loopback only; each part bounded. Figures only: nothing passes or fails.

const TRIAGE = `/api/subscriptions/${SUB}/instances?notReady=1`;
const SAMPLES = 10;
const WARMUP = 2;
const LIMIT_MS = 40_000;
const VIEWERS = 10;
const PERIOD_MS = 2000;
const DURATION_MS = 12_000;

async function upstreamCalls(emulatorUrl: string): Promise<number> {
  const log = (await (await fetch(`${emulatorUrl}/_emulator/requests`)).json()) as unknown[];
  await fetch(`${emulatorUrl}/_emulator/requests`, { method: "DELETE" });
  return log.length;
}

async function timed(url: string): Promise<number[]> {
  const times: number[] = [];
  const deadline = Date.now() + LIMIT_MS;
  for (let i = 0; i < SAMPLES + WARMUP && Date.now() < deadline; i++) {
    const t = await timeGet(url, {});
    if (i >= WARMUP) times.push(t);
  }
  return times;
}

/** `viewers` pollers of the triage view for DURATION_MS, each every PERIOD_MS from a random phase. */
async function poll(url: string, viewers: number): Promise<number> {
  const end = Date.now() + DURATION_MS;
  let reads = 0;
  const viewer = async () => {
    await new Promise((r) => setTimeout(r, Math.random() * PERIOD_MS));
    while (Date.now() < end) {
      const started = Date.now();
      await (await fetch(url)).arrayBuffer();
      reads++;
      await new Promise((r) => setTimeout(r, Math.max(0, PERIOD_MS - (Date.now() - started))));
    }
  };
  await Promise.all(Array.from({ length: viewers }, viewer));
  return reads;
}

export async function runTriageBench(): Promise<void> {
  console.log("\n== Triage (large: 52 targets, 4,098 instances) ==");
  await withStack("large", { ROLECALL_CACHE_MS: "0" }, async (emu, proxyUrl) => {
    await upstreamCalls(emu.url);
    await timeGet(proxyUrl + TRIAGE, {});
    const perRefresh = await upstreamCalls(emu.url);
    const times = await timed(proxyUrl + TRIAGE);
    console.log(`  one refresh, cache off: ${perRefresh} upstream calls (every list, then each target once) | latency p50 ${ms(median(times))}, max ${ms(Math.max(...times))}  [N=${times.length}]`);
  }, { arm: true });
  await withStack("large", {}, async (emu, proxyUrl) => {
    await timeGet(proxyUrl + TRIAGE, {});
    await upstreamCalls(emu.url);
    await timeGet(proxyUrl + TRIAGE, {});
    const again = await upstreamCalls(emu.url);
    const reads = await poll(proxyUrl + TRIAGE, VIEWERS);
    const calls = await upstreamCalls(emu.url);
    console.log(`  a refresh within the reuse period (5 s): ${again} upstream calls`);
    console.log(`  ${VIEWERS} viewers, each refreshing every ${PERIOD_MS / 1000} s for ${DURATION_MS / 1000} s: ${reads} triage reads → ${calls} upstream calls = ${(calls / (DURATION_MS / 1000)).toFixed(1)} upstream calls/s`);
  }, { arm: true });
}
