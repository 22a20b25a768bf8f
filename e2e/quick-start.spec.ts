import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "@playwright/test";

// Issue 2: what `npm start` runs (scripts/start.mjs → src/launch/start.ts: the proxy in front of
// the embedded emulator, on its real clock) serves a working dashboard. The other journeys use a
// fixture with a manual clock; this one checks the launcher itself.
let child: ChildProcess | undefined;
let dataDir = "";

test.afterEach(async () => {
  child?.kill("SIGTERM");
  if (child && child.exitCode === null) await new Promise((resolve) => child?.once("exit", resolve));
  await rm(dataDir, { recursive: true, force: true });
});

test("npm start's launcher serves the dashboard with the embedded emulator behind it", async ({ page }) => {
  dataDir = await mkdtemp(join(tmpdir(), "rolecall-start-"));
  child = spawn(process.execPath, ["scripts/start.mjs"], {
    env: { ...process.env, ROLECALL_PORT: "0", ROLECALL_DATA_DIR: dataDir, ROLECALL_LOG_LEVEL: "silent" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Rolecall is running: open (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    };
    child?.stdout?.on("data", onData);
    child?.stderr?.on("data", onData);
    child?.once("exit", (code) => reject(new Error(`npm start exited with ${String(code)}:\n${output}`)));
  });
  expect(output).toMatch(/embedded emulator \(scenario demo/);

  await page.goto(url);
  await expect(page.getByText("EMULATOR", { exact: true })).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: "Cloud services" })).toBeVisible();
  await expect(page.getByText("contoso-web", { exact: true })).toBeVisible();
});
