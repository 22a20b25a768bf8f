// `npm start`: build the SPA when it is missing or older than its sources, then start the proxy
// (with the embedded emulator unless ROLECALL_UPSTREAM_URL is set).
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const args = process.argv.slice(2);

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

function run(command, commandArgs) {
  const result = spawnSync(command, commandArgs, { cwd: root, stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const wantsHelp = args.includes("--help") || args.includes("-h");
const builtAt = newestMtime(join(root, "dist", "index.html"));
const sources = ["src/web", "src/shared", "public", "index.html", "vite.config.ts", "package-lock.json"];
const sourcesAt = Math.max(...sources.map((s) => newestMtime(join(root, s))));
if (!wantsHelp && (builtAt === 0 || sourcesAt > builtAt)) {
  console.log(builtAt === 0 ? "Building the dashboard (first start)…" : "Sources changed; rebuilding the dashboard…");
  run(process.execPath, [join(root, "node_modules/vite/bin/vite.js"), "build", "--logLevel", "warn"]);
}
// Node flags of the server (the separate-processes bench starts the proxy with them too): a 64 MB
// young-generation semi-space instead of 16 MB. Reading a 2,000-instance deployment allocates
// ~20 MB, so with 16 MB nearly every read met a scavenge, each copying the half-read reply; at 64 MB
// one read in three or four does. Measured for issue #12: proxy CPU per read −20%, ~50 MB more memory.
const serverFlags = JSON.parse(readFileSync(join(root, "scripts/server-node-flags.json"), "utf8"));
// The server runs as a child; pass signals on so that stopping `npm start` never leaves it behind.
const server = spawn(process.execPath, [...serverFlags, "--import", "tsx", join(root, "src/launch/start.ts"), ...args], { cwd: root, stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
