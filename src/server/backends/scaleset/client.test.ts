import { describe, expect, it } from "vitest";
import type { Action } from "../../../shared/names.ts";
import { ProxyError } from "../../errors.ts";
import { UnsafeInstanceListError } from "../arm/client.ts";
import { FAKE_ARM_ORIGIN, fakeArmConfig, fakeArmTransport, type SentRequest } from "../arm/fake-transport.ts";
import type { ArmTransport, JsonResponse } from "../arm/transport.ts";
import { createScaleSetBackend } from "./client.ts";

// Unit tests of the scaleset backend with a fake transport playing Azure (reference Part C): above
// all, that no request can leave for a batch endpoint without an explicit, non-empty list of
// instanceIds (without one, Azure acts on every virtual machine of the set). The backend against
// the emulator's ARM face over HTTPS is in src/server/test/.

const SUB = "7d9c1d9e-3c4b-4f5a-8e2d-1a2b3c4d5e6f";
const SS = `/subscriptions/${SUB}/resourceGroups/rg-web/providers/Microsoft.Compute/virtualMachineScaleSets/web-vmss`;
const target = { kind: "scaleset", subscription: SUB, resourceGroup: "rg-web", name: "web-vmss" } as const;
const identity = { kind: "anonymous" } as const;
const log = { warn: () => {} };
const backendWith = (t: ArmTransport) => createScaleSetBackend(t, () => Promise.resolve("t"), fakeArmConfig, log);
const path = (url: string) => new URL(url).pathname;

/** Every POST must carry a non-empty list of distinct numeric instanceIds: checked on all that was sent. */
function expectExplicitBatches(sent: readonly SentRequest[]) {
  for (const r of sent.filter((s) => s.method === "POST")) {
    const ids = (r.body as { instanceIds?: unknown } | undefined)?.instanceIds;
    expect(Array.isArray(ids) && ids.length > 0 && ids.every((id) => typeof id === "string" && /^\d+$/.test(id)), `POST ${r.url} carried ${JSON.stringify(r.body)}`).toBe(true);
    expect(new Set(ids as string[]).size).toBe((ids as string[]).length);
  }
}

const set = (name: string, extra: object = {}) => ({
  id: `/subscriptions/${SUB}/resourceGroups/rg-web/providers/Microsoft.Compute/virtualMachineScaleSets/${name}`,
  name,
  location: "westeurope",
  sku: { name: "Standard_D2s_v5", capacity: 2 },
  properties: { provisioningState: "Succeeded", orchestrationMode: "Uniform" },
  ...extra,
});
const code = (c: string, level = "Info") => ({ code: c, level });
const vm = (instanceId: string, codes: string[], more: { health?: string; zone?: string; ud?: number; fd?: number; protect?: boolean } = {}) => ({
  instanceId,
  name: `web-vmss_${instanceId}`,
  zones: more.zone ? [more.zone] : undefined,
  sku: { name: "Standard_D2s_v5" },
  properties: {
    protectionPolicy: more.protect ? { protectFromScaleIn: false, protectFromScaleSetActions: true } : undefined,
    osProfile: { computerName: `web${instanceId.padStart(6, "0")}` },
    instanceView: {
      platformUpdateDomain: more.ud ?? 0,
      platformFaultDomain: more.fd ?? 0,
      statuses: codes.map((c) => code(c)),
      vmHealth: more.health ? { status: code(more.health) } : undefined,
    },
  },
});
const OK = ["ProvisioningState/succeeded", "PowerState/running"];

describe("scaleset backend: actions are always the batch form with explicit instanceIds", () => {
  const accepted = () => ({ status: 202, headers: { "azure-asyncoperation": `${FAKE_ARM_ORIGIN}/subscriptions/${SUB}/providers/Microsoft.Compute/locations/westeurope/operations/0a1b2c3d-0000-4000-8000-00000000abcd?api-version=2026-04-01` } });

  it("one instance or several: one POST to the set's batch verb naming exactly them (reboot = restart, rebuild = reimageall)", async () => {
    const { transport, sent } = fakeArmTransport(accepted);
    const backend = backendWith(transport);
    const cases: [Action, string[], string][] = [
      ["reimage", ["3"], "reimage"],
      ["reboot", ["0"], "restart"],
      ["rebuild", ["1", "4"], "reimageall"],
    ];
    for (const [action, ids, verb] of cases) {
      const started = await backend.startAction(target, action, ids, identity);
      expect(started.id).toBe("0a1b2c3d00004000800000000000abcd");
      expect(started.handle).toMatch(/^async:https:\/\/management\.example\.test\//);
      expect(sent.at(-1)).toEqual({ method: "POST", url: `${FAKE_ARM_ORIGIN}${SS}/${verb}?api-version=2026-04-01`, body: { instanceIds: ids } });
    }
    // Never the per-instance path: one shape of request for one instance or many.
    expect(sent.every((r) => !path(r.url).includes("/virtualMachines/"))).toBe(true);
    expectExplicitBatches(sent);
  });

  it("an empty, missing, wildcard, duplicated or non-numeric list never leaves: it throws before any request", async () => {
    const { transport, sent } = fakeArmTransport(accepted);
    const backend = backendWith(transport);
    const bad: unknown[] = [[], undefined, null, ["*"], ["1", "*"], ["2", "2"], ["abc"], ["web-vmss_1"], ["01"], ["-1"], ["1.5"], [" 1"], [""], [1], Array.from({ length: backend.maxInstancesPerCall + 1 }, (_, i) => String(i))];
    for (const list of bad) {
      for (const action of ["reimage", "reboot", "rebuild"] as const) {
        const err = await backend.startAction(target, action, list as string[], identity).catch((e: unknown) => e);
        expect(err, JSON.stringify(list)).toBeInstanceOf(UnsafeInstanceListError);
        expect((err as Error).message).toMatch(/^refusing to send (reimage|reboot|rebuild): .+; an upstream batch call must name each instance explicitly$/);
      }
    }
    expect(sent).toEqual([]);
  });

  it("takes a whole update domain of a large set in one call", async () => {
    const { transport, sent } = fakeArmTransport(accepted);
    const backend = backendWith(transport);
    expect(backend.maxInstancesPerCall).toBeGreaterThanOrEqual(100);
    const ids = Array.from({ length: backend.maxInstancesPerCall }, (_, i) => String(i * 5));
    await backend.startAction(target, "reimage", ids, identity);
    expect(sent).toHaveLength(1);
    expectExplicitBatches(sent);
  });

  it("a refusal by Azure is its failure; an accepted action is followed to Succeeded through its status URL", async () => {
    let reply: Partial<JsonResponse> = { status: 409, json: { error: { code: "OperationNotAllowed", message: "Another operation is in progress." } } };
    const { transport } = fakeArmTransport(() => reply);
    const backend = backendWith(transport);
    await expect(backend.startAction(target, "reimage", ["2"], identity)).rejects.toMatchObject({ failure: { kind: "http", status: 409, code: "OperationNotAllowed" } });
    reply = accepted();
    const op = await backend.startAction(target, "reimage", ["2"], identity);
    reply = { status: 200, json: { status: "Succeeded" } };
    expect(await backend.readOperation(target, op, identity)).toEqual({ id: op.id, status: "Succeeded" });
  });
});

describe("scaleset backend: reading a scale set", () => {
  it("maps instances: named by instanceId, one role, zone, domains, size, health, protection, status and tone by the catalog", async () => {
    const vms = [
      vm("0", OK, { health: "HealthState/healthy", zone: "1", ud: 0, fd: 0 }),
      vm("1", OK, { health: "HealthState/unhealthy", zone: "2", ud: 1, fd: 1 }),
      vm("2", OK, { zone: "3", ud: 2 }),
      vm("3", ["ProvisioningState/succeeded", "PowerState/stopped"], { health: "HealthState/healthy" }),
      vm("4", ["ProvisioningState/succeeded", "PowerState/deallocated"]),
      vm("5", ["ProvisioningState/updating", "PowerState/running"], { health: "HealthState/healthy" }),
      vm("6", ["ProvisioningState/succeeded", "PowerState/hibernated"]),
      vm("7", OK, { health: "HealthState/degraded" }),
      vm("8", OK, { protect: true, ud: 4 }),
      vm("9", ["ProvisioningState/succeeded", "PowerState/starting"]),
      vm("10", ["ProvisioningState/failed", "PowerState/running"]),
      vm("11", ["ProvisioningState/succeeded"], { health: "HealthState/healthy" }),
      vm("12", OK, { health: "HealthState/initializing" }),
    ];
    const { transport, sent } = fakeArmTransport((_m, url) => ({ json: path(url).endsWith("/virtualMachines") ? { value: vms } : set("web-vmss") }));
    const data = await backendWith(transport).readTarget(target, identity);
    expect(data).toMatchObject({ kind: "scaleset", name: "web-vmss", resourceGroup: "rg-web", status: "Succeeded", upgradeDomainCount: 5, roles: [{ name: "web-vmss", instanceCount: 13 }] });
    expect(data.instances[0]).toEqual({
      name: "0", role: "web-vmss", status: "HealthState/healthy", tone: "ok", powerState: "running", upgradeDomain: 0, faultDomain: 0,
      size: "Standard_D2s_v5", hostName: "web000000", zone: "1", health: "healthy",
    });
    const seen = Object.fromEntries(data.instances.map((i) => [i.name, [i.status, i.tone, i.health ?? "-"]]));
    expect(seen).toEqual({
      "0": ["HealthState/healthy", "ok", "healthy"],
      "1": ["HealthState/unhealthy", "failed", "unhealthy"],
      "2": ["PowerState/running", "ok", "-"],
      "3": ["PowerState/stopped", "stopped", "healthy"],
      "4": ["PowerState/deallocated", "stopped", "-"],
      "5": ["ProvisioningState/updating", "transitional", "healthy"],
      "6": ["PowerState/hibernated", "unknown", "-"],
      "7": ["HealthState/degraded", "unknown", "degraded"],
      "8": ["PowerState/running", "ok", "-"],
      "9": ["PowerState/starting", "transitional", "-"],
      "10": ["ProvisioningState/failed", "failed", "-"],
      // Health without a power state never makes an instance ready.
      "11": ["ProvisioningState/succeeded", "unknown", "healthy"],
      "12": ["HealthState/initializing", "transitional", "initializing"],
    });
    expect(data.instances.filter((i) => i.protectedFromActions).map((i) => i.name)).toEqual(["8"]);
    expect(data.instances[1]).toMatchObject({ zone: "2", upgradeDomain: 1, faultDomain: 1 });
    expect(sent.map((r) => [r.method, path(r.url), new URL(r.url).searchParams.get("api-version"), new URL(r.url).searchParams.get("$expand")])).toEqual([
      ["GET", `${SS}/virtualMachines`, "2026-04-01", "instanceView"],
      ["GET", SS, "2026-04-01", null],
    ]);
  });

  it("a status at level Error, or no instance view at all, is not ready", async () => {
    const sick = { ...vm("0", OK), properties: { instanceView: { statuses: [code("ProvisioningState/succeeded"), { code: "PowerState/running", level: "Error", message: "The VM agent is not responding." }] } } };
    const bare = { instanceId: "1" };
    const { transport } = fakeArmTransport((_m, url) => ({ json: path(url).endsWith("/virtualMachines") ? { value: [sick, bare] } : set("web-vmss") }));
    const [a, b] = (await backendWith(transport).readTarget(target, identity)).instances;
    expect(a).toMatchObject({ status: "PowerState/running", tone: "failed", stateDetails: "The VM agent is not responding." });
    expect(b).toMatchObject({ name: "1", status: "Unknown", tone: "unknown", powerState: "unknown", size: "Standard_D2s_v5" });
  });

  it("follows nextLink through every page of the instances", async () => {
    const { transport, sent } = fakeArmTransport((_m, url) => {
      const u = new URL(url);
      if (!u.pathname.endsWith("/virtualMachines")) return { json: set("web-vmss") };
      const skip = Number(u.searchParams.get("$skiptoken") ?? "0");
      const value = [0, 1].map((k) => vm(String(skip + k), OK));
      // Absolute and relative nextLinks, as ARM hands out either.
      const next = skip === 0 ? `${FAKE_ARM_ORIGIN}${SS}/virtualMachines?api-version=2026-04-01&$skiptoken=2` : skip === 2 ? `${SS}/virtualMachines?api-version=2026-04-01&$skiptoken=4` : undefined;
      return { json: { value, nextLink: next } };
    });
    const data = await backendWith(transport).readTarget(target, identity);
    expect(data.instances.map((i) => i.name)).toEqual(["0", "1", "2", "3", "4", "5"]);
    expect(sent.filter((r) => path(r.url).endsWith("/virtualMachines"))).toHaveLength(3);
  });

  it("a Flexible scale set is refused plainly, whatever its instances' reply", async () => {
    const { transport } = fakeArmTransport((_m, url) =>
      path(url).endsWith("/virtualMachines") ? { status: 400, json: { error: { code: "OperationNotAllowed", message: "Not for Flexible." } } } : { json: set("web-vmss", { properties: { orchestrationMode: "Flexible" } }) },
    );
    const err = await backendWith(transport).readTarget(target, identity).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProxyError);
    expect(err).toMatchObject({ code: "UnsupportedTarget", status: 400 });
  });
});

describe("scaleset backend: the subscription's list", () => {
  it("every page of Uniform sets, each with its instance and ready counts and one role; Flexible sets are left out", async () => {
    const { transport, sent } = fakeArmTransport((_m, url) => {
      const u = new URL(url);
      if (u.pathname === `/subscriptions/${SUB}/providers/Microsoft.Compute/virtualMachineScaleSets`) {
        return u.searchParams.has("$skiptoken")
          ? { json: { value: [set("api-vmss", { properties: {} })] } }
          : { json: { value: [set("web-vmss"), set("flex-vmss", { properties: { orchestrationMode: "Flexible" } })], nextLink: `${u.pathname}?api-version=2026-04-01&$skiptoken=x` } };
      }
      const ready = u.pathname.includes("/web-vmss/") ? [vm("0", OK, { health: "HealthState/healthy" }), vm("1", OK, { health: "HealthState/unhealthy" }), vm("2", OK, { health: "HealthState/healthy" })] : [vm("0", OK)];
      return { json: { value: ready } };
    });
    const list = await backendWith(transport).listTargets(SUB, identity);
    expect(list).toEqual([
      { resourceGroup: "rg-web", name: "web-vmss", location: "westeurope", status: "Succeeded", instanceCount: 3, readyCount: 2, roles: [{ name: "web-vmss", instanceCount: 3 }] },
      { resourceGroup: "rg-web", name: "api-vmss", location: "westeurope", status: "Unknown", instanceCount: 1, readyCount: 1, roles: [{ name: "api-vmss", instanceCount: 1 }] },
    ]);
    expect(sent.some((r) => r.url.includes("flex-vmss"))).toBe(false);
    expect(sent.every((r) => r.method === "GET")).toBe(true);
  });
});
