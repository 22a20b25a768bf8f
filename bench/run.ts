import { runExtendedBench } from "./extended.ts";
import { runJobsBench } from "./jobs.ts";
import { runProxyBench } from "./proxy.ts";
import { runSeparateBench } from "./separate.ts";
import { runStoreBench } from "./store.ts";
import { runTriageBench } from "./triage.ts";
import { runWebBench } from "./web.ts";
import { runWireBench } from "./wire.ts";

// `npm run bench`: prints performance figures, one section per part. Not a test: nothing here
// passes or fails. Add a section by writing bench/<part>.ts exporting a run function, and list it.
const sections: { name: string; run: () => Promise<void> }[] = [
  { name: "proxy", run: runProxyBench },
  { name: "separate", run: runSeparateBench },
  { name: "extended", run: runExtendedBench },
  { name: "web", run: runWebBench },
  { name: "wire", run: runWireBench },
  { name: "jobs", run: runJobsBench },
  { name: "store", run: runStoreBench },
  { name: "triage", run: runTriageBench },
];

const only = process.argv.slice(2);
const started = Date.now();
for (const section of sections) {
  if (only.length && !only.includes(section.name)) continue;
  await section.run();
}
console.log(`\nbench done in ${((Date.now() - started) / 1000).toFixed(1)} s (${process.version}, ${(await import("node:os")).cpus().length} CPUs)`);
