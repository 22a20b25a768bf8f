// `npm test`: every check, in order, stopping at the first failure.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const chromium = process.env.ROLECALL_CHROMIUM ?? "/usr/bin/chromium";
if (!existsSync(chromium)) {
  console.error(
    `Chromium is needed for the end-to-end tests and was not found at ${chromium}.\n` +
      "Install Debian's package with:\n\n    sudo apt-get update && sudo apt-get install -y chromium\n\n" +
      "(or set ROLECALL_CHROMIUM to another Chromium executable). No browser is downloaded by this project.",
  );
  process.exit(1);
}

const steps = [
  ["typecheck", "npm", ["run", "--silent", "typecheck"]],
  ["lint", "npm", ["run", "--silent", "lint"]],
  ["unit and HTTP tests", "npx", ["vitest", "run"]],
  ["build", "npx", ["vite", "build", "--logLevel", "warn"]],
  ["end-to-end tests", "npx", ["playwright", "test"]],
];

for (const [name, command, args] of steps) {
  console.log(`\n▶ ${name}: ${command} ${args.join(" ")}`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: "inherit" });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    console.error(`\n✖ ${name} failed after ${seconds} s`);
    process.exit(result.status ?? 1);
  }
  console.log(`✔ ${name} (${seconds} s)`);
}
