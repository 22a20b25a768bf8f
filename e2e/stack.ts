import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEmulator, type ScenarioName } from "../src/emulator/index.ts";
import { startProxy } from "../src/server/main.ts";

// The real stack on free ports: the emulator with both its faces (manual clock, so tests drive
// time) and the proxy serving the built SPA, reaching the emulator as it would reach Azure: the
// Service Management API over HTTP, Azure Resource Manager over HTTPS with the emulator's own CA.
// Shared by the Playwright fixture and the web bench.

export interface Stack {
  /** The proxy: the SPA and /api. */
  url: string;
  /** The emulator's classic face: the Service Management API and /_emulator/ control (of both faces). */
  emulatorUrl: string;
  /** The emulator's ARM face (HTTPS): cloud services (extended support). */
  armUrl: string;
  close(): Promise<void>;
}

export interface StackOptions {
  scenario?: ScenarioName;
  staticDir?: string;
  /** Extra proxy settings (e.g. poll intervals, sign-in). */
  env?: Record<string, string>;
  /** The emulator refuses requests without a bearer token or certificate (passthrough tests). */
  requireAuth?: boolean;
}

export async function startStack(opts: StackOptions = {}): Promise<Stack> {
  const emu = await startEmulator({ port: 0, clock: "manual", scenario: opts.scenario ?? "demo", requireAuth: opts.requireAuth ?? false, arm: { port: 0 } });
  const arm = emu.arm;
  if (!arm) {
    await emu.close();
    throw new Error("the emulator started without its ARM face");
  }
  const dataDir = await mkdtemp(join(tmpdir(), "rolecall-e2e-"));
  let proxy: { url: string; close(): Promise<void> };
  try {
    proxy = await startProxy({
      ROLECALL_PORT: "0",
      ROLECALL_HOST: "127.0.0.1",
      ROLECALL_UPSTREAM_URL: emu.url,
      ROLECALL_ARM_URL: arm.url,
      // The ARM face's certificate is made at start; the proxy trusts it as it would a private CA.
      ROLECALL_CA_PATH: arm.caPath,
      // Nobody signs in here, so no user's ARM token to pass through: the emulator's placeholder.
      ROLECALL_ARM_IDENTITY: "emulator",
      ROLECALL_DATA_DIR: dataDir,
      ROLECALL_STATIC_DIR: opts.staticDir ?? "dist",
      ROLECALL_AUTH: "none",
      ROLECALL_LOG_LEVEL: "silent",
      // Quick feedback for tests: short polls, no shared read cache, no GET retries (so an injected
      // fault count maps to visible failures one to one).
      ROLECALL_POLL_FAST_MS: "500",
      ROLECALL_POLL_SLOW_MS: "2000",
      ROLECALL_CACHE_MS: "0",
      ROLECALL_TRACKER_POLL_MS: "200",
      ROLECALL_UPSTREAM_RETRIES: "0",
      ...opts.env,
    });
  } catch (err) {
    await emu.close();
    await rm(dataDir, { recursive: true, force: true });
    throw err;
  }
  return {
    url: proxy.url,
    emulatorUrl: emu.url,
    armUrl: arm.url,
    close: async () => {
      await proxy.close();
      await emu.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
