import { test as base, expect, type Page } from "@playwright/test";
import { AxeBuilder } from "@axe-core/playwright";
import { startStack, type Stack } from "./stack.ts";

// One real stack per worker; the emulator is reset before each test so every journey starts from
// the demo scenario. Helpers drive the emulator the way the tests need: its clock, its faults, and
// its request log (to assert what did or did not reach "Azure").

export interface LoggedRequest {
  /** Which of the emulator's faces took it: the Service Management API or Azure Resource Manager. */
  face: "classic" | "arm";
  method: string;
  path: string;
  query: Record<string, string>;
}

export interface FaultSpec {
  latencyMs?: number;
  failNext?: { count: number; status: number; code: string; message?: string };
  throttleNext?: { count: number; retryAfterSeconds: number; status?: 429 | 503 };
  malformedNext?: number;
  failNextOperations?: number;
  match?: { method?: string; pathContains?: string };
}

export interface Emulator {
  url: string;
  advance(ms: number): Promise<void>;
  faults(spec: FaultSpec): Promise<void>;
  clearFaults(): Promise<void>;
  requests(): Promise<LoggedRequest[]>;
  /**
   * Actions on role instances the emulator received, on either face: classic POSTs with
   * comp=reimage|reboot|rebuild, ARM POSTs to …/{reimage|reimageall|restart|rebuild}.
   */
  actions(): Promise<LoggedRequest[]>;
}

export async function call(url: string, method: string, body?: unknown): Promise<unknown> {
  const res = await fetch(url, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${url} → ${res.status} ${await res.text()}`);
  return res.status === 204 ? undefined : res.json();
}

function isAction(r: LoggedRequest): boolean {
  if (r.method !== "POST") return false;
  return r.face === "arm" ? /\/(reimage|reimageall|restart|rebuild)$/i.test(r.path) : /^(reimage|reboot|rebuild)$/.test(r.query.comp ?? "");
}

export function emulatorControl(base: string): Emulator {
  const requests = async () => (await call(`${base}/_emulator/requests`, "GET")) as LoggedRequest[];
  return {
    url: base,
    advance: async (ms) => {
      await call(`${base}/_emulator/clock/advance`, "POST", { ms });
    },
    faults: async (spec) => {
      await call(`${base}/_emulator/faults`, "POST", spec);
    },
    clearFaults: async () => {
      await call(`${base}/_emulator/faults`, "DELETE");
    },
    requests,
    actions: async () => (await requests()).filter(isAction),
  };
}

export const SUB = "7d9c1d9e-3c4b-4f5a-8e2d-1a2b3c4d5e6f";

export const test = base.extend<{ emulator: Emulator }, { stack: Stack; stackEnv: Record<string, string> }>({
  // Extra proxy settings for a spec's stack (`test.use({ stackEnv: { … } })`); a spec that sets it
  // gets a worker, and so a stack, of its own.
  stackEnv: [{}, { scope: "worker", option: true }],
  stack: [
    async ({ stackEnv }, use) => {
      const stack = await startStack({ scenario: "demo", env: stackEnv });
      await use(stack);
      await stack.close();
    },
    { scope: "worker" },
  ],
  baseURL: async ({ stack }, use) => {
    await use(stack.url);
  },
  emulator: [
    async ({ stack }, use) => {
      const emu = emulatorControl(stack.emulatorUrl);
      await call(`${stack.emulatorUrl}/_emulator/reset`, "POST", { scenario: "demo" });
      await use(emu);
      await emu.clearFaults();
    },
    { auto: true },
  ],
});

export { expect };

/** Zero axe-core violations on what the page shows now. */
export async function expectNoAxeViolations(page: Page, include?: string): Promise<void> {
  let builder = new AxeBuilder({ page });
  if (include) builder = builder.include(include);
  const result = await builder.analyze();
  const summary = result.violations.map((v) => `${v.id} (${v.impact ?? "?"}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 5).join(", ")}`);
  expect(summary, "axe-core violations").toEqual([]);
}

export function deploymentPath(service: string, slot: "production" | "staging", search = ""): string {
  return `/s/${SUB}/services/${service}/${slot}${search}`;
}

/** The page of a virtual machine scale set: its URL mirrors its /api target path. */
export function scaleSetPath(resourceGroup: string, name: string, search = ""): string {
  return `/s/${SUB}/resourceGroups/${resourceGroup}/virtualMachineScaleSets/${name}${search}`;
}

/** The page of a cloud service (extended support): its URL mirrors its /api target path. */
export function cloudServicePath(resourceGroup: string, name: string, search = ""): string {
  return `/s/${SUB}/resourceGroups/${resourceGroup}/cloudServices/${name}${search}`;
}
