import { deploymentSchema, jobSchema, type Deployment, type Job } from "../src/shared/api.ts";
import { SUB, withStack } from "./proxy.ts";

// `npm run bench` section "jobs": the rolling-job figure of issue 10's "done when". On the `large`
// scenario an operator reimages 10 chosen instances, two in each of 5 upgrade domains of one role
// (a classic 400-instance role; the 1,000-instance scale set), in one job by upgrade domain at a
// floor of 90%. The emulator's clock is driven
// in 30 s ticks; at every tick the role's ready count is read through the proxy with its cache off
// (what a viewer would see, not the job's own view), and the lowest is printed beside the floor.

interface JobTarget {
  label: string;
  path: string;
  role: string;
  minReadyPercent: number;
  arm?: boolean;
}

const targets: JobTarget[] = [
  { label: "classic bigfleet/production", path: `/api/subscriptions/${SUB}/services/bigfleet/deployments/production`, role: "Api", minReadyPercent: 90 },
  // A scale set's one role is the set itself; each step goes out as one batch call.
  { label: "scale set bigfleet-vmss", path: `/api/subscriptions/${SUB}/resourceGroups/rg-bigfleet/virtualMachineScaleSets/bigfleet-vmss`, role: "bigfleet-vmss", minReadyPercent: 90, arm: true },
];

const TICK_MS = 30_000;
/** Emulated time after which the run gives up (a job that has not ended by then is reported as such). */
const MAX_EMULATED_MS = 6 * 60 * 60_000;

async function getJson(url: string): Promise<unknown> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`GET ${url} answered ${res.status}: ${await res.text()}`);
  return res.json();
}

/** Two ready instances of `role` in each of its first five upgrade domains. */
function choose(dep: Deployment, role: string): string[] {
  const chosen: string[] = [];
  for (let ud = 0; ud < 5; ud++) {
    chosen.push(...dep.instances.filter((i) => i.role === role && i.upgradeDomain === ud && i.tone === "ok").slice(0, 2).map((i) => i.name));
  }
  return chosen;
}

async function runOne(t: JobTarget): Promise<void> {
  await withStack(
    "large",
    { ROLECALL_CACHE_MS: "0", ROLECALL_TRACKER_POLL_MS: "50" },
    async (emu, proxyUrl) => {
      const read = async () => deploymentSchema.parse(await getJson(proxyUrl + t.path));
      const before = await read();
      const roleSize = before.instances.filter((i) => i.role === t.role).length;
      const floor = Math.ceil((t.minReadyPercent / 100) * roleSize);
      const instances = choose(before, t.role);
      const started = performance.now();
      const res = await fetch(`${proxyUrl}${t.path}/jobs`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: proxyUrl },
        body: JSON.stringify({ action: "reimage", instances, batch: "upgradeDomain", minReadyPercent: t.minReadyPercent }),
      });
      if (res.status !== 202) throw new Error(`POST jobs answered ${res.status}: ${await res.text()}`);
      const id = jobSchema.parse(await res.json()).id;
      let job: Job | undefined;
      let emulated = 0;
      let lowest = Infinity;
      for (;;) {
        const dep = await read();
        lowest = Math.min(lowest, dep.instances.filter((i) => i.role === t.role && i.tone === "ok").length);
        job = jobSchema.parse(await getJson(`${proxyUrl}/api/subscriptions/${SUB}/jobs/${id}`));
        if (job.state !== "running" || emulated >= MAX_EMULATED_MS) break;
        emu.advance(TICK_MS);
        emulated += TICK_MS;
        // Real time for the runner's own short polls to see the new emulated time.
        await new Promise((r) => setTimeout(r, 60));
      }
      const wall = (performance.now() - started) / 1000;
      const ops = job.steps.reduce((n, s) => n + s.operationIds.length, 0);
      console.log(
        `  ${t.label}: ${instances.length} instances of ${t.role} (${roleSize}), ${job.steps.length} steps → ${job.state}; ` +
          `${(emulated / 60_000).toFixed(1)} emulated min, ${wall.toFixed(1)} s wall; ${ops} upstream operations; ` +
          `lowest ready ${lowest}/${roleSize} (floor ${floor})${lowest >= floor ? "" : " BELOW THE FLOOR"}`,
      );
    },
    { arm: t.arm },
  );
}

export async function runJobsBench(): Promise<void> {
  console.log("\nRolling job on the large scenario: 10 instances over 5 upgrade domains, by upgrade domain, reimage");
  console.log("  (emulated time in 30 s ticks; ready counts read through the proxy, cache off, at every tick)");
  for (const t of targets) await runOne(t);
}
