import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EmulatorHandle } from "../index.ts";
import { all, api, child, getDeployment, parseXml, startManual, SUB, svcPath, value } from "./helpers.ts";

describe("demo scenario", () => {
  let emu: EmulatorHandle;
  beforeAll(async () => {
    emu = await startManual();
  });
  afterAll(() => emu.close());

  const roleCounts = async (service: string, slot: string) => {
    const dep = await getDeployment(emu, service, slot);
    const counts: Record<string, number> = {};
    for (const i of all(child(dep, "RoleInstanceList"), "RoleInstance")) counts[value(i, "RoleName")] = (counts[value(i, "RoleName")] ?? 0) + 1;
    return counts;
  };

  it("has the services, slots and roles other parts rely on", async () => {
    expect(await roleCounts("contoso-web", "production")).toEqual({ WebFrontend: 4, ApiWorker: 3 });
    expect(await roleCounts("contoso-web", "staging")).toEqual({ WebFrontend: 2, ApiWorker: 2 });
    expect(await roleCounts("contoso-billing", "production")).toEqual({ BillingApi: 2, InvoiceWorker: 1 });
    expect(await roleCounts("contoso-billing", "staging")).toEqual({ BillingApi: 2, InvoiceWorker: 1 });
    expect(await roleCounts("fabrikam-jobs", "production")).toEqual({ JobRunner: 3 });
    const staging = await getDeployment(emu, "contoso-web", "staging");
    expect(all(child(staging, "RoleInstanceList"), "RoleInstance").every((i) => value(i, "InstanceStatus") === "ReadyRole")).toBe(true);
  });
});

describe("large scenario", () => {
  let emu: EmulatorHandle;
  beforeAll(async () => {
    emu = await startManual({ scenario: "large" });
  });
  afterAll(() => emu.close());

  it("has 50 services, bigfleet with 2,000 instances across 5 roles and 10 upgrade domains", async () => {
    const list = parseXml((await api(emu, `/${SUB}/services/hostedservices`)).text);
    const services = all(list, "HostedService").map((s) => value(s, "ServiceName"));
    expect(services).toHaveLength(50);
    expect(services).toContain("bigfleet");
    const res = await api(emu, svcPath("bigfleet", "/deploymentslots/production"));
    expect(res.status).toBe(200);
    const dep = parseXml(res.text);
    const instances = all(child(dep, "RoleInstanceList"), "RoleInstance");
    expect(instances).toHaveLength(2000);
    expect(new Set(instances.map((i) => value(i, "RoleName"))).size).toBe(5);
    expect(new Set(instances.map((i) => value(i, "InstanceUpgradeDomain"))).size).toBe(10);
    expect(value(dep, "UpgradeDomainCount")).toBe("10");
    expect(new Set(instances.map((i) => value(i, "InstanceName"))).size).toBe(2000);
    expect(new Set(instances.map((i) => value(i, "IpAddress"))).size).toBe(2000);
  });
});

describe("empty scenario", () => {
  let emu: EmulatorHandle;
  beforeAll(async () => {
    emu = await startManual({ scenario: "empty" });
  });
  afterAll(() => emu.close());

  it("has the subscription and no services", async () => {
    const sub = parseXml((await api(emu, `/${SUB}`)).text);
    expect(value(sub, "SubscriptionID")).toBe(SUB);
    const list = parseXml((await api(emu, `/${SUB}/services/hostedservices`)).text);
    expect(list.name).toBe("HostedServices");
    expect(all(list, "HostedService")).toHaveLength(0);
    expect((await api(emu, svcPath("contoso-web"))).status).toBe(404);
  });
});
