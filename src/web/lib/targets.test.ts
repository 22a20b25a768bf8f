import { describe, expect, it } from "vitest";
import { targetPath } from "../../shared/targets.ts";
import { targetApiPath } from "./api-client.ts";
import { pageTargetOf, targetFromParams, targetHeading, targetHref } from "./targets.ts";

const sub = "7d9c1d9e-3c4b-4f5a-8e2d-1a2b3c4d5e6f";
const classic = { kind: "classic", subscription: sub, service: "contoso-web", slot: "production" } as const;
const extended = { kind: "extended", subscription: sub, resourceGroup: "rg-shop-prod", name: "contoso-shop" } as const;
const scaleset = { kind: "scaleset", subscription: sub, resourceGroup: "rg-checkout", name: "checkout-web" } as const;

describe("targets in the SPA", () => {
  it("a page's params name its target, and the target links back to that page", () => {
    expect(targetFromParams({ sub, service: "contoso-web", slot: "production" })).toEqual(classic);
    expect(targetFromParams({ sub, rg: "rg-shop-prod", name: "contoso-shop" })).toEqual(extended);
    expect(targetFromParams({ sub, rg: "rg-checkout", vmss: "checkout-web" })).toEqual(scaleset);
    expect(targetFromParams({ sub })).toBeUndefined();
    expect(targetFromParams({ sub, service: "contoso-web", slot: "preview" })).toBeUndefined();
    expect(targetHref(scaleset)).toBe(`/s/${sub}/resourceGroups/rg-checkout/virtualMachineScaleSets/checkout-web`);
    expect(targetHref(classic)).toBe(`/s/${sub}/services/contoso-web/production`);
    expect(targetHref(extended, { instance: "ApiRole_IN_1", job: undefined })).toBe(`/s/${sub}/resourceGroups/rg-shop-prod/cloudServices/contoso-shop?instance=ApiRole_IN_1`);
  });

  it("a target path from the proxy opens as a page target; anything else does not", () => {
    expect(pageTargetOf(targetPath(extended))).toEqual(extended);
    expect(pageTargetOf(targetPath(scaleset))).toEqual(scaleset);
    expect(pageTargetOf(`/api/subscriptions/${sub}/resourceGroups/rg/virtualMachines/vm`)).toBeUndefined();
    expect(pageTargetOf(undefined)).toBeUndefined();
  });

  it("headings: a classic slot is production with friction; an extended slotType is only a slot", () => {
    expect(targetHeading(classic)).toEqual({ noun: "Cloud service", name: "contoso-web", resourceGroup: undefined, slot: "production", production: true });
    expect(targetHeading(extended, { slotType: "Production" })).toEqual({ noun: "Cloud service", name: "contoso-shop", resourceGroup: "rg-shop-prod", slot: "production", production: false });
    expect(targetHeading(extended).slot).toBeUndefined();
    expect(targetHeading({ kind: "scaleset", subscription: sub, resourceGroup: "rg-checkout", name: "checkout-web" })).toMatchObject({ noun: "Scale set", name: "checkout-web", slot: undefined, production: false });
  });

  it("the /api path of a target and its actions, each segment encoded", () => {
    expect(targetApiPath(extended, "instances", "ApiRole_IN_1", "reimage")).toBe(`/api/subscriptions/${sub}/resourceGroups/rg-shop-prod/cloudServices/contoso-shop/instances/ApiRole_IN_1/reimage`);
    expect(targetApiPath({ ...extended, resourceGroup: "rg a/b" })).toBe(`/api/subscriptions/${sub}/resourceGroups/rg%20a%2Fb/cloudServices/contoso-shop`);
  });
});
