import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
// eslint-disable-next-line no-restricted-imports -- tests drive the real emulator
import { startEmulator, type EmulatorHandle, type LoggedRequest } from "../../emulator/index.ts";
import type { TargetRef } from "../../shared/targets.ts";
import { loadConfig } from "../config.ts";
import { SUB } from "../test/harness.ts";
import { armTokenSource } from "./arm/token.ts";
import { createArmTransport, type ArmTransport } from "./arm/transport.ts";
import { createServiceManagementClient } from "./classic/client.ts";
import { createTransport, type Transport } from "./classic/transport.ts";
import { createExtendedBackend } from "./extended/client.ts";
import { createScaleSetBackend } from "./scaleset/client.ts";
import type { Backend } from "./types.ts";

// Each backend's own last check, behind the routes': an instance named "." or ".." would be a path
// segment that URL resolution removes, turning `…/roleInstances/../restart` into the whole cloud
// service's restart (every instance). Against the real emulator, over its real faces: nothing is
// POSTed for such a name, and a real name still reaches its own instance's path.

let emu: EmulatorHandle;
let classicTransport: Transport;
let armTransport: ArmTransport;
let backends: { kind: string; backend: Backend; target: TargetRef; good: string; path: RegExp }[];

beforeAll(async () => {
  emu = await startEmulator({ port: 0, clock: "manual", scenario: "demo", arm: { port: 0 } });
  const arm = emu.arm;
  if (!arm) throw new Error("the emulator started without its ARM face");
  const config = loadConfig({ ROLECALL_UPSTREAM_URL: emu.url, ROLECALL_ARM_URL: arm.url, ROLECALL_CA_PATH: arm.caPath, ROLECALL_ARM_IDENTITY: "emulator", ROLECALL_UPSTREAM_RETRIES: "0" });
  if (!config.arm) throw new Error("ARM is not configured");
  const log = { info: () => {}, warn: () => {}, error: () => {} };
  classicTransport = createTransport(config.upstream);
  armTransport = createArmTransport(config.arm, config.upstream);
  const armConfig = { arm: config.arm, upstream: config.upstream };
  const tokens = armTokenSource(config.arm);
  backends = [
    {
      kind: "classic",
      backend: createServiceManagementClient(classicTransport, config.upstream, log),
      target: { kind: "classic", subscription: SUB, service: "contoso-web", slot: "production" },
      good: "WebFrontend_IN_0",
      path: /\/deploymentslots\/Production\/roleinstances\/WebFrontend_IN_0$/,
    },
    {
      kind: "extended",
      backend: createExtendedBackend(armTransport, tokens, armConfig, log),
      target: { kind: "extended", subscription: SUB, resourceGroup: "rg-shop-prod", name: "contoso-shop" },
      good: "WorkerRole_IN_2",
      path: /\/cloudServices\/contoso-shop\/roleInstances\/WorkerRole_IN_2\/restart$/,
    },
    {
      kind: "scaleset",
      backend: createScaleSetBackend(armTransport, tokens, armConfig, log),
      target: { kind: "scaleset", subscription: SUB, resourceGroup: "rg-checkout", name: "checkout-web" },
      good: "2",
      path: /\/virtualMachineScaleSets\/checkout-web\/restart$/,
    },
  ];
});
afterAll(async () => {
  classicTransport.close();
  armTransport.close();
  await emu.close();
});
beforeEach(async () => {
  await fetch(`${emu.url}/_emulator/requests`, { method: "DELETE" });
});

const posts = async () => ((await (await fetch(`${emu.url}/_emulator/requests`)).json()) as LoggedRequest[]).filter((r) => r.method === "POST");
const anonymous = { kind: "anonymous" } as const;

describe("a backend asked to act on an instance named with dots alone", () => {
  it.each(["classic", "extended", "scaleset"])("%s: '..' and '.' are refused before anything is sent; a real name reaches its instance", async (kind) => {
    const b = backends.find((x) => x.kind === kind);
    if (!b) throw new Error(`no ${kind} backend`);
    for (const name of ["..", ".", "..."]) {
      await expect(b.backend.startAction(b.target, "reboot", [name], anonymous), name).rejects.toThrow(/refusing to send reboot/);
    }
    expect(await posts()).toEqual([]);
    await b.backend.startAction(b.target, "reboot", [b.good], anonymous);
    const sent = await posts();
    expect(sent.map((r) => r.path)).toEqual([expect.stringMatching(b.path)]);
  });
});
