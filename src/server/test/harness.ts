import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
// Tests drive the real emulator (the server's own code never imports it).
// eslint-disable-next-line no-restricted-imports
import { startEmulator, type EmulatorHandle, type EmulatorOptions, type LoggedRequest } from "../../emulator/index.ts";

export type { LoggedRequest };
import { proxyErrorSchema } from "../../shared/api.ts";
import type { Authenticator } from "../auth/types.ts";
import { startProxy } from "../main.ts";

// Test helpers: a real emulator on a free port with a manual clock, and the real proxy in front of it
// over real HTTP. Nothing upstream is mocked.

export const SUB = "7d9c1d9e-3c4b-4f5a-8e2d-1a2b3c4d5e6f";
export const DEP = `/api/subscriptions/${SUB}/services/contoso-web/deployments/production`;


/** The error envelope of a reply (fails the test when the body is not one, or its code is not in the catalog). */
export function errorOf(res: { body: unknown }) {
  return proxyErrorSchema.parse(res.body).error;
}

export interface Stack {
  emu: EmulatorHandle;
  url: string;
  dataDir: string;
  env: Record<string, string>;
  get(path: string, headers?: Record<string, string>): Promise<{ status: number; body: unknown; headers: Headers }>;
  post(path: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: unknown; headers: Headers }>;
  /** Service Management requests the emulator has seen (control calls excluded). */
  upstreamRequests(): Promise<LoggedRequest[]>;
  clearUpstreamRequests(): Promise<void>;
  faults(f: Record<string, unknown>): Promise<void>;
  control(method: string, path: string, body?: unknown): Promise<Response>;
  stopProxy(): Promise<void>;
  close(): Promise<void>;
}

export const testEnv = (upstreamUrl: string, dataDir: string): Record<string, string> => ({
  ROLECALL_PORT: "0",
  ROLECALL_UPSTREAM_URL: upstreamUrl,
  ROLECALL_DATA_DIR: dataDir,
  ROLECALL_STATIC_DIR: join(dataDir, "no-spa"),
  ROLECALL_LOG_LEVEL: "silent",
  ROLECALL_TRACKER_POLL_MS: "25",
  ROLECALL_RETRY_BASE_MS: "10",
});

export async function startStack(
  opts: {
    env?: Record<string, string>;
    emulator?: EmulatorOptions;
    authenticator?: Authenticator;
    emulatorUrl?: string;
    logStream?: NodeJS.WritableStream;
    /** Also start the emulator's ARM face (HTTPS, CA trusted through ROLECALL_CA_PATH) and point the proxy at it. */
    arm?: boolean;
    /** How the proxy spells the ARM face's URL (default: as the emulator says). */
    armUrl?: (url: string) => string;
    /** More CA certificates (PEM) for ROLECALL_CA_PATH besides the ARM face's, e.g. a token endpoint's. */
    extraCaPem?: string;
  } = {},
): Promise<Stack> {
  const emu = await startEmulator({ port: 0, clock: "manual", scenario: "demo", ...(opts.arm ? { arm: { port: 0 } } : {}), ...opts.emulator });
  const dataDir = mkdtempSync(join(tmpdir(), "rolecall-test-"));
  let caPath = emu.arm?.caPath ?? "";
  if (emu.arm && opts.extraCaPem) {
    caPath = join(dataDir, "ca-bundle.pem");
    writeFileSync(caPath, `${emu.arm.ca.trimEnd()}\n${opts.extraCaPem}`);
  }
  const arm: Record<string, string> = emu.arm ? { ROLECALL_ARM_URL: opts.armUrl ? opts.armUrl(emu.arm.url) : emu.arm.url, ROLECALL_CA_PATH: caPath, ROLECALL_ARM_IDENTITY: "emulator" } : {};
  const env = { ...testEnv(opts.emulatorUrl ?? emu.url, dataDir), ...arm, ...opts.env };
  const proxy = await startProxy(env, {
    ...(opts.authenticator ? { authenticator: opts.authenticator } : {}),
    ...(opts.logStream ? { logStream: opts.logStream } : {}),
  });
  const url = proxy.url;
  let proxyOpen = true;

  const request = async (method: string, path: string, init: { headers?: Record<string, string>; body?: string }) => {
    const res = await fetch(url + path, { method, headers: init.headers ?? {}, ...(init.body !== undefined ? { body: init.body } : {}) });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      /* not JSON: keep the text */
    }
    return { status: res.status, body, headers: res.headers };
  };
  // Control calls go to the emulator's own URL; with TLS + client certs the harness cannot reach it
  // without a certificate, so those tests pass their own `control`.
  const control = (method: string, path: string, body?: unknown) =>
    fetch(`${emu.url}/_emulator/${path}`, {
      method,
      headers: { "content-type": "application/json" },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });

  return {
    emu,
    url,
    dataDir,
    env,
    get: (path, headers) => request("GET", path, { ...(headers ? { headers } : {}) }),
    post: (path, body = {}, headers = {}) =>
      request("POST", path, {
        headers: { "content-type": "application/json", origin: url, ...headers },
        body: typeof body === "string" ? body : JSON.stringify(body),
      }),
    async upstreamRequests() {
      return (await (await control("GET", "requests")).json()) as LoggedRequest[];
    },
    async clearUpstreamRequests() {
      await control("DELETE", "requests");
    },
    async faults(f) {
      const res = await control("POST", "faults", f);
      if (!res.ok) throw new Error(`fault injection refused: ${await res.text()}`);
    },
    control,
    async stopProxy() {
      if (proxyOpen) await proxy.close();
      proxyOpen = false;
    },
    async close() {
      if (proxyOpen) await proxy.close();
      proxyOpen = false;
      await emu.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Waits until `check` returns a truthy value (polling), or fails after `timeoutMs`. */
export async function waitFor<T>(
  check: () => Promise<T | undefined | false> | T | undefined | false,
  what: string,
  timeoutMs = 5000,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The demo scenario's extended cloud service with three roles over three update domains. */
export const SHOP = `/api/subscriptions/${SUB}/resourceGroups/rg-shop-prod/cloudServices/contoso-shop`;

export const actionPath = (instance: string, action = "reimage", svc = "contoso-web", slot = "production") =>
  `/api/subscriptions/${SUB}/services/${svc}/deployments/${slot}/instances/${instance}/${action}`;
