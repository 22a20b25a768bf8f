import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scaleSetVmJson } from "../arm/json/scale-set-vm.ts";
import { failedStart } from "../model/lifecycle.ts";
import { createPrng } from "../model/prng.ts";
import { buildScaleSet } from "../model/scale-set-builder.ts";
import { allPages, control, header, listOf, PROVIDER, SHOP, startArm, type ArmEmulator } from "./arm-helpers.ts";
import {
  BIGFLEET,
  CHECKOUT,
  errorOf,
  instances,
  LIST_ALL,
  scaleSetSchema,
  scaleSetVmSchema,
  vmCodes,
  vmInstanceViewSchema,
  vmss,
  VMSS_API,
} from "./arm-scaleset-helpers.ts";
import { SUB } from "./helpers.ts";

let emu: ArmEmulator;
beforeAll(async () => {
  emu = await startArm({ arm: { pageSize: 4 } });
});
afterAll(() => emu.close());

describe("scale set reads (reference C1, C2)", () => {
  it("lists the subscription's scale sets and one resource group's; cloud services are not among them", async () => {
    const res = await vmss(emu, LIST_ALL);
    expect(res.status).toBe(200);
    expect(header(res, "content-type")).toBe("application/json; charset=utf-8");
    const all = listOf(scaleSetSchema).parse(res.json);
    expect(all.value.map((ss) => ss.id)).toEqual([`/subscriptions/${SUB}/resourceGroups/rg-checkout/providers/Microsoft.Compute/virtualMachineScaleSets/checkout-web`]);
    expect(all.value[0]).toMatchObject({ location: "westeurope", zones: ["1", "2", "3"], sku: { capacity: 6 }, properties: { provisioningState: "Succeeded" } });
    const group = listOf(scaleSetSchema).parse((await vmss(emu, `/subscriptions/${SUB}/resourceGroups/rg-checkout/${PROVIDER}/virtualMachineScaleSets`)).json);
    expect(group.value.map((ss) => ss.name)).toEqual(["checkout-web"]);
    // A resource group that holds only cloud services has no scale sets, and the reverse.
    expect((await vmss(emu, `/subscriptions/${SUB}/resourceGroups/rg-shop-prod/${PROVIDER}/virtualMachineScaleSets`)).json).toEqual({ value: [] });
  });

  it("gets a scale set, names matched case-insensitively; the health probe is in its model", async () => {
    const res = await vmss(emu, CHECKOUT.replace("checkout-web", "Checkout-WEB").replace("rg-checkout", "RG-Checkout"));
    expect(res.status).toBe(200);
    const ss = scaleSetSchema.parse(res.json);
    expect(ss.name).toBe("checkout-web");
    expect(JSON.stringify(res.json)).toContain("ApplicationHealth");
  });

  it("lists instances in pages; without $expand no instanceView, with it every instance's view", async () => {
    const plain = await allPages(emu, `${CHECKOUT}/virtualMachines?api-version=${VMSS_API}`, scaleSetVmSchema);
    expect(plain.pages).toBe(2);
    expect(plain.items.map((vm) => vm.instanceId)).toEqual(["0", "1", "2", "3", "4", "5"]);
    expect(plain.items.every((vm) => vm.properties.instanceView === undefined)).toBe(true);
    const expanded = await instances(emu, CHECKOUT);
    expect(expanded.map((vm) => vm.name)).toEqual(["0", "1", "2", "3", "4", "5"].map((id) => `checkout-web_${id}`));
    expect(expanded.every((vm) => vm.properties.instanceView !== undefined)).toBe(true);
  });

  it("demo: six instances over three zones and three update domains; 1 and 5 unhealthy; 3 protected", async () => {
    const vms = await instances(emu, CHECKOUT);
    const views = vms.map((vm) => vmInstanceViewSchema.parse(vm.properties.instanceView));
    expect(vms.map((vm) => vm.zones?.[0])).toEqual(["1", "2", "3", "1", "2", "3"]);
    expect(views.map((v) => v.platformUpdateDomain)).toEqual([0, 1, 2, 0, 1, 2]);
    expect(vms.map((vm) => vm.id)).toEqual(vms.map((vm) => `${CHECKOUT}/virtualMachines/${vm.instanceId}`));
    expect(new Set(vms.map((vm) => vm.properties.vmId)).size).toBe(6);
    expect(new Set(vms.map((vm) => vm.properties.osProfile.computerName)).size).toBe(6);
    expect(vms.every((vm) => vm.properties.latestModelApplied && vm.properties.provisioningState === "Succeeded" && vm.sku.name === "Standard_D2s_v5")).toBe(true);
    const health = Object.fromEntries(vms.map((vm, i) => [vm.instanceId, views[i] && vmCodes(views[i])]));
    for (const id of ["0", "2", "3", "4"]) {
      expect(health[id], id).toEqual({ ProvisioningState: "ProvisioningState/succeeded", PowerState: "PowerState/running", HealthState: "HealthState/healthy" });
    }
    for (const id of ["1", "5"]) expect(health[id], id).toEqual({ ProvisioningState: "ProvisioningState/succeeded", PowerState: "PowerState/running", HealthState: "HealthState/unhealthy" });
    expect(vms.filter((vm) => vm.properties.protectionPolicy?.protectFromScaleSetActions).map((vm) => vm.instanceId)).toEqual(["3"]);
    expect(vms.find((vm) => vm.instanceId === "3")?.properties.protectionPolicy).toEqual({ protectFromScaleIn: true, protectFromScaleSetActions: true });
    // Azure leaves protectionPolicy out of an instance that has none.
    expect(vms.find((vm) => vm.instanceId === "0")?.properties).not.toHaveProperty("protectionPolicy");
  });

  it("gets one instance (with and without its view) and its instance view", async () => {
    const one = scaleSetVmSchema.parse((await vmss(emu, `${CHECKOUT}/virtualMachines/4`)).json);
    expect(one).toMatchObject({ instanceId: "4", name: "checkout-web_4", zones: ["2"] });
    expect(one.properties.instanceView).toBeUndefined();
    const expanded = scaleSetVmSchema.parse((await vmss(emu, `${CHECKOUT}/virtualMachines/4?$expand=instanceView`)).json);
    const view = vmInstanceViewSchema.parse((await vmss(emu, `${CHECKOUT}/virtualMachines/4/instanceView`)).json);
    expect(expanded.properties.instanceView).toEqual(view);
    expect(view).toMatchObject({ platformUpdateDomain: 1, vmHealth: { status: { code: "HealthState/healthy" } } });
    expect(view.statuses.find((s) => s.code === "PowerState/running")?.displayStatus).toBe("VM running");
  });

  it("the snapshot shows the scale set's model for tests", async () => {
    const state = (await control(emu, "GET", "state")).json as {
      subscriptions: { scaleSets: { name: string; healthProbe: boolean; instances: { instanceId: string; zone: string; status: string; protectFromScaleSetActions: boolean }[] }[] }[];
    };
    const ss = state.subscriptions[0]?.scaleSets[0];
    expect(ss).toMatchObject({ name: "checkout-web", healthProbe: true });
    expect(ss?.instances.map((i) => [i.instanceId, i.zone, i.status, i.protectFromScaleSetActions])).toEqual([
      ["0", "1", "ReadyRole", false],
      ["1", "2", "UnresponsiveRole", false],
      ["2", "3", "ReadyRole", false],
      ["3", "1", "ReadyRole", true],
      ["4", "2", "ReadyRole", false],
      ["5", "3", "FailedStartingRole", false],
    ]);
  });
});

describe("api-version per resource type", () => {
  it("scale sets answer 2026-04-01 and 2025-04-01, and nextLink keeps the version the client sent", async () => {
    for (const version of ["2026-04-01", "2025-04-01"]) {
      const res = await vmss(emu, `${CHECKOUT}/virtualMachines`, { apiVersion: version });
      expect(res.status, version).toBe(200);
      expect(new URL(listOf(scaleSetVmSchema).parse(res.json).nextLink ?? "").searchParams.get("api-version")).toBe(version);
    }
    expect((await instances(emu, CHECKOUT, "2025-04-01")).length).toBe(6);
  });

  it("another version is ARM's InvalidApiVersionParameter naming the supported ones; cloud services keep theirs", async () => {
    const old = await vmss(emu, CHECKOUT, { apiVersion: "2024-11-04" });
    expect(old.status).toBe(400);
    expect(errorOf(old)).toMatchObject({ code: "InvalidApiVersionParameter", message: expect.stringContaining("2026-04-01,2025-04-01") as unknown });
    const missing = await vmss(emu, `${CHECKOUT}/restart`, { method: "POST", apiVersion: null });
    expect(errorOf(missing).code).toBe("MissingApiVersionParameter");
    const shop = await vmss(emu, SHOP);
    expect(shop.status).toBe(400);
    expect(errorOf(shop)).toMatchObject({ code: "InvalidApiVersionParameter", message: expect.stringContaining("2024-11-04") as unknown });
    expect((await vmss(emu, SHOP, { apiVersion: "2024-11-04" })).status).toBe(200);
  });
});

describe("scale set read errors", () => {
  it("404 for an unknown scale set or instance, naming the resource; 400 for expansions the emulator does not serve", async () => {
    const cases: [string, number, string][] = [
      [CHECKOUT.replace("checkout-web", "nope"), 404, "ResourceNotFound"],
      [`${CHECKOUT}/virtualMachines/6`, 404, "ResourceNotFound"],
      [`${CHECKOUT}/virtualMachines/checkout-web_0/instanceView`, 404, "ResourceNotFound"],
      [CHECKOUT.replace("rg-checkout", "rg-nope"), 404, "ResourceGroupNotFound"],
      [`${CHECKOUT}/virtualMachines?$expand=userData`, 400, "InvalidParameter"],
      [`${CHECKOUT}/virtualMachines?$filter=x`, 400, "InvalidParameter"],
      [`${CHECKOUT}/virtualMachines?$skiptoken=x`, 400, "InvalidParameter"],
    ];
    for (const [path, status, code] of cases) {
      const res = await vmss(emu, path);
      expect(res.status, path).toBe(status);
      expect(errorOf(res).code, path).toBe(code);
    }
    expect(errorOf(await vmss(emu, `${CHECKOUT}/virtualMachines/9`)).message).toContain("virtualMachineScaleSets/checkout-web/virtualMachines/9");
  });

  it("405 for a read verb on an action, 404 for a path that is no operation", async () => {
    expect((await vmss(emu, `${CHECKOUT}/reimageall`)).status).toBe(405);
    expect((await vmss(emu, `${CHECKOUT}/virtualMachines/0/deallocate`, { method: "POST" })).status).toBe(404);
  });
});

describe("other scenarios", () => {
  it("large: one scale set of 1,000 instances over 5 update domains and 3 zones, a few unhealthy, a few protected", async () => {
    const big = await startArm({ scenario: "large", arm: { pageSize: 1000 } });
    try {
      const vms = await instances(big, BIGFLEET);
      expect(vms).toHaveLength(1000);
      const views = vms.map((vm) => vmInstanceViewSchema.parse(vm.properties.instanceView));
      expect(new Set(views.map((v) => v.platformUpdateDomain))).toEqual(new Set([0, 1, 2, 3, 4]));
      expect(new Set(vms.map((vm) => vm.zones?.[0]))).toEqual(new Set(["1", "2", "3"]));
      const notHealthy = views.filter((v) => vmCodes(v).HealthState !== "HealthState/healthy").length;
      expect(notHealthy).toBeGreaterThanOrEqual(3);
      expect(notHealthy).toBeLessThanOrEqual(5);
      expect(vms.filter((vm) => vm.properties.protectionPolicy?.protectFromScaleSetActions).length).toBeGreaterThan(0);
    } finally {
      await big.close();
    }
    const empty = await startArm({ scenario: "empty" });
    try {
      expect((await vmss(empty, LIST_ALL)).json).toEqual({ value: [] });
    } finally {
      await empty.close();
    }
  });
});

describe("a scale set without a health probe", () => {
  // No scenario has one; the renderer is checked directly, its output read with the same schema.
  it("reports power and provisioning but no vmHealth, even for an instance whose application fails", () => {
    const now = Date.UTC(2026, 0, 1);
    const ss = buildScaleSet(
      { prng: createPrng(1), now, nextIp: 0 },
      { resourceGroup: "rg", name: "plain", location: "westeurope", sku: "Standard_D2s_v5", capacity: 2, zones: ["1"], updateDomainCount: 2, healthProbe: false, unhealthy: { "1": failedStart } },
    );
    for (const vm of ss.instances) {
      const json = scaleSetVmSchema.parse(scaleSetVmJson(SUB, ss, vm, now, true));
      const view = vmInstanceViewSchema.parse(json.properties.instanceView);
      expect(view.vmHealth).toBeUndefined();
      expect(vmCodes(view)).toEqual({ ProvisioningState: "ProvisioningState/succeeded", PowerState: "PowerState/running" });
    }
  });
});
