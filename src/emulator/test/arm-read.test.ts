import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import {
  allPages,
  arm,
  armErrorOf,
  cloudServiceInstanceViewSchema,
  cloudServiceSchema,
  codes,
  header,
  listOf,
  PROVIDER,
  REPORTS,
  roleInstanceSchema,
  roleInstanceViewSchema,
  roleSchema,
  SHOP,
  startArm,
  type ArmEmulator,
} from "./arm-helpers.ts";
import { SUB } from "./helpers.ts";

let emu: ArmEmulator;
beforeAll(async () => {
  emu = await startArm({ arm: { pageSize: 5 } });
});
afterAll(() => emu.close());

describe("ARM reads (reference B1, B2)", () => {
  it("lists the subscription's cloud services across resource groups, and one group's", async () => {
    const res = await arm(emu, `/subscriptions/${SUB}/${PROVIDER}/cloudServices`);
    expect(res.status).toBe(200);
    expect(header(res, "content-type")).toBe("application/json; charset=utf-8");
    expect(header(res, "x-ms-ratelimit-remaining-subscription-reads")).toMatch(/^\d+$/);
    const all = listOf(cloudServiceSchema).parse(res.json);
    expect(all.value.map((cs) => cs.id)).toEqual([
      `/subscriptions/${SUB}/resourceGroups/rg-shop-prod/providers/Microsoft.Compute/cloudServices/contoso-shop`,
      `/subscriptions/${SUB}/resourceGroups/rg-reports/providers/Microsoft.Compute/cloudServices/fabrikam-reports`,
    ]);
    const group = listOf(cloudServiceSchema).parse((await arm(emu, `/subscriptions/${SUB}/resourceGroups/rg-reports/${PROVIDER}/cloudServices`)).json);
    expect(group.value.map((cs) => cs.name)).toEqual(["fabrikam-reports"]);
  });

  it("pages the cloud service lists too", async () => {
    const small = await startArm({ arm: { pageSize: 1 } });
    try {
      const all = await allPages(small, `/subscriptions/${SUB}/${PROVIDER}/cloudServices`, cloudServiceSchema);
      expect([all.pages, all.items.map((cs) => cs.name)]).toEqual([2, ["contoso-shop", "fabrikam-reports"]]);
      const group = await allPages(small, `/subscriptions/${SUB}/resourceGroups/rg-shop-prod/${PROVIDER}/cloudServices`, cloudServiceSchema);
      expect([group.pages, group.items.length]).toEqual([1, 1]);
      const roles = await allPages(small, `${SHOP}/roles`, roleSchema);
      expect(roles.pages).toBe(3);
    } finally {
      await small.close();
    }
  });

  it("gets a cloud service with its roles and SKUs, names matched case-insensitively", async () => {
    const res = await arm(emu, SHOP.replace("contoso-shop", "CONTOSO-SHOP").replace("rg-shop-prod", "RG-Shop-Prod"));
    expect(res.status).toBe(200);
    const cs = cloudServiceSchema.parse(res.json);
    expect(cs).toMatchObject({ name: "contoso-shop", location: "westeurope", properties: { provisioningState: "Succeeded" } });
    expect(cs.properties.roleProfile.roles.map((r) => [r.name, r.sku.capacity])).toEqual([
      ["FrontendRole", 4],
      ["ApiRole", 3],
      ["WorkerRole", 5],
    ]);
  });

  it("instance view: statusesSummary counts each code once per instance; privateIds of every instance", async () => {
    const view = cloudServiceInstanceViewSchema.parse((await arm(emu, `${SHOP}/instanceView`)).json);
    const summary = Object.fromEntries(view.roleInstance.statusesSummary.map((s) => [s.code, s.count]));
    expect(summary).toEqual({
      "ProvisioningState/succeeded": 12,
      "PowerState/started": 12,
      "RoleState/RoleStateStarted": 11,
      "RoleState/RoleStateBusy": 1,
    });
    expect(new Set(view.privateIds).size).toBe(12);
    expect(view.statuses.map((s) => s.code)).toEqual(["ProvisioningState/succeeded", "PowerState/started", "CurrentUpgradeDomain/-1", "MaxUpgradeDomain/2"]);
  });

  it("lists role instances in pages of nextLink on the listener's origin; $expand=instanceView nests the view", async () => {
    const plain = await allPages(emu, `${SHOP}/roleInstances`, roleInstanceSchema);
    expect(plain.pages).toBe(3);
    expect(plain.items).toHaveLength(12);
    expect(plain.items.every((i) => i.properties.instanceView === undefined)).toBe(true);
    const expanded = await allPages(emu, `${SHOP}/roleInstances?$expand=instanceView`, roleInstanceSchema);
    expect(expanded.items.map((i) => i.name)).toEqual(plain.items.map((i) => i.name));
    const views = expanded.items.map((i) => roleInstanceViewSchema.parse(i.properties.instanceView));
    expect(new Set(views.map((v) => v.platformUpdateDomain))).toEqual(new Set([0, 1, 2]));
    expect(new Set(views.map((v) => v.platformFaultDomain))).toEqual(new Set([0, 1]));
    const healthy = views[0];
    expect(healthy && codes(healthy)).toEqual({ ProvisioningState: "ProvisioningState/succeeded", PowerState: "PowerState/started", RoleState: "RoleState/RoleStateStarted" });
  });

  it("gets one role instance and its instance view; the unhealthy one says why", async () => {
    const one = roleInstanceSchema.parse((await arm(emu, `${SHOP}/roleInstances/WorkerRole_IN_4?$expand=instanceView`)).json);
    expect(one.id).toBe(`${SHOP}/roleInstances/WorkerRole_IN_4`);
    expect(one.properties.instanceView?.platformUpdateDomain).toBe(1);
    const sick = roleInstanceViewSchema.parse((await arm(emu, `${SHOP}/roleInstances/ApiRole_IN_1/instanceView`)).json);
    const role = sick.statuses.find((s) => s.code.startsWith("RoleState/"));
    expect(role).toMatchObject({ code: "RoleState/RoleStateBusy", level: "Error" });
    expect(role?.message).toMatch(/not reported its status/);
  });

  it("lists and gets roles and update domains", async () => {
    const roles = await allPages(emu, `${SHOP}/roles`, roleSchema);
    expect(roles.items.map((r) => r.name)).toEqual(["FrontendRole", "ApiRole", "WorkerRole"]);
    expect(roleSchema.parse((await arm(emu, `${REPORTS}/roles/ReportsWorker`)).json).sku.capacity).toBe(2);
    const ud = z.strictObject({ id: z.string(), name: z.string() });
    const uds = await allPages(emu, `${SHOP}/updateDomains`, ud);
    expect(uds.items).toEqual([0, 1, 2].map((n) => ({ id: `${SHOP}/updateDomains/${n}`, name: String(n) })));
    expect(ud.parse((await arm(emu, `${SHOP}/updateDomains/2`)).json).name).toBe("2");
  });

  it("pages the large scenario's 1,000 instances", async () => {
    const big = await startArm({ scenario: "large", arm: { pageSize: 100 } });
    try {
      const path = `/subscriptions/${SUB}/resourceGroups/rg-bigfleet/${PROVIDER}/cloudServices/bigfleet-cses/roleInstances?$expand=instanceView`;
      const { items, pages } = await allPages(big, path, roleInstanceSchema);
      expect(pages).toBe(10);
      expect(new Set(items.map((i) => i.name)).size).toBe(1000);
    } finally {
      await big.close();
    }
  });
});

describe("ARM errors", () => {
  it("401 without a bearer token, or with another scheme; any bearer token is accepted", async () => {
    const none = await arm(emu, SHOP, { token: null });
    expect(none.status).toBe(401);
    expect(armErrorOf(none).code).toBe("AuthenticationFailed");
    expect(header(none, "www-authenticate")).toMatch(/^Bearer /);
    const basic = await arm(emu, SHOP, { token: null, headers: { authorization: "Basic dTpw" } });
    expect(basic.status).toBe(401);
    expect(armErrorOf(basic).code).toBe("InvalidAuthenticationToken");
    expect((await arm(emu, SHOP, { token: "anything-at-all" })).status).toBe(200);
  });

  it("400 for a missing or unsupported api-version", async () => {
    const missing = await arm(emu, SHOP, { apiVersion: null });
    expect(missing.status).toBe(400);
    expect(armErrorOf(missing).code).toBe("MissingApiVersionParameter");
    const old = await arm(emu, SHOP, { apiVersion: "2022-09-04" });
    expect(old.status).toBe(400);
    expect(armErrorOf(old)).toMatchObject({ code: "InvalidApiVersionParameter", message: expect.stringContaining("2024-11-04") as unknown });
  });

  it("404 for unknown resources, naming the kind of resource", async () => {
    const cases: [string, string][] = [
      [SHOP.replace("contoso-shop", "nope"), "ResourceNotFound"],
      [`${SHOP}/roleInstances/Nope_IN_0`, "ResourceNotFound"],
      [`${SHOP}/roleInstances/Nope_IN_0/instanceView`, "ResourceNotFound"],
      [`${SHOP}/roles/Nope`, "ResourceNotFound"],
      [`${SHOP}/updateDomains/3`, "ResourceNotFound"],
      [SHOP.replace("rg-shop-prod", "rg-nope"), "ResourceGroupNotFound"],
      [SHOP.replace(SUB, "00000000-0000-0000-0000-000000000000"), "SubscriptionNotFound"],
      [`/subscriptions/${SUB}/${PROVIDER}/locations/westeurope/operations/00000000-0000-0000-0000-000000000000`, "ResourceNotFound"],
    ];
    for (const [path, code] of cases) {
      const res = await arm(emu, path);
      expect(res.status, path).toBe(404);
      expect(armErrorOf(res).code, path).toBe(code);
    }
  });

  it("other bad requests: unknown path 404, wrong verb 405, bad $skiptoken or $expand 400, bad subscription id 400", async () => {
    expect((await arm(emu, `${SHOP}/nothing`)).status).toBe(404);
    const verb = await arm(emu, `${SHOP}/restart`);
    expect(verb.status).toBe(405);
    expect(armErrorOf(verb).code).toBe("MethodNotAllowed");
    expect(armErrorOf(await arm(emu, `${SHOP}/roleInstances?$skiptoken=x`)).code).toBe("InvalidParameter");
    expect((await arm(emu, `${SHOP}/roleInstances?$expand=userData`)).status).toBe(400);
    const badSub = await arm(emu, `/subscriptions/not-a-guid/${PROVIDER}/cloudServices`);
    expect(badSub.status).toBe(400);
    expect(armErrorOf(badSub).code).toBe("InvalidSubscriptionId");
  });
});
