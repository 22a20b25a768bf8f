import { describe, expect, it } from "vitest";
import type { ArmTargetSummary, CloudService } from "../../../shared/api.ts";
import { classicRows, extendedRows, matchesRow, scaleSetRows, servedListedKinds, sortRows } from "./rows.ts";

const sub = "7d9c1d9e-3c4b-4f5a-8e2d-1a2b3c4d5e6f";

const classic: CloudService[] = [
  {
    name: "contoso-web",
    label: "Contoso Web",
    location: "West Europe",
    status: "Created",
    deployments: [{ slot: "production", name: "d1", status: "Running", instanceCount: 7, readyCount: 6 }],
  },
];

const shop = (over: Partial<ArmTargetSummary> = {}): ArmTargetSummary => ({
  resourceGroup: "rg-shop-prod",
  name: "contoso-shop",
  location: "westeurope",
  status: "Succeeded",
  instanceCount: 12,
  readyCount: 11,
  roles: [{ name: "FrontendRole", instanceCount: 4 }],
  ...over,
});

describe("start-page rows", () => {
  it("a classic service: one row, its deployments in their slot columns", () => {
    const [row] = classicRows(sub, classic);
    expect(row).toMatchObject({ kind: "classic", name: "contoso-web", label: "Contoso Web", resourceGroup: undefined });
    expect(row?.slots.production).toEqual({ target: { kind: "classic", subscription: sub, service: "contoso-web", slot: "production" }, status: "Running", instanceCount: 7, readyCount: 6 });
    expect(row?.slots.staging).toBeUndefined();
  });

  it("an extended cloud service: in its slotType's column (Production when absent), its peer in the other", () => {
    const [plain] = extendedRows(sub, [shop()]);
    expect(plain).toMatchObject({ kind: "extended", name: "contoso-shop", resourceGroup: "rg-shop-prod" });
    expect(plain?.slots.production).toMatchObject({ target: { kind: "extended", subscription: sub, resourceGroup: "rg-shop-prod", name: "contoso-shop" }, readyCount: 11 });
    expect(plain?.slots.staging).toBeUndefined();

    const peer = `/api/subscriptions/${sub}/resourceGroups/rg-shop-prod/cloudServices/contoso-shop-blue`;
    const [staging] = extendedRows(sub, [shop({ slotType: "Staging", peer })]);
    expect(staging?.slots.staging).toMatchObject({ status: "Succeeded", instanceCount: 12 });
    expect(staging?.slots.production).toEqual({ peer: { kind: "extended", subscription: sub, resourceGroup: "rg-shop-prod", name: "contoso-shop-blue" } });

    // A peer the SPA cannot open (not a target path) is left out rather than linked wrongly.
    const [odd] = extendedRows(sub, [shop({ slotType: "Production", peer: "/elsewhere" })]);
    expect(odd?.slots.staging).toBeUndefined();
  });

  it("search reaches the resource group; rows sort by name whatever list answered first", () => {
    const rows = [...extendedRows(sub, [shop(), shop({ name: "alpha", resourceGroup: "rg-b" })]), ...classicRows(sub, classic)];
    expect(rows.filter((r) => matchesRow(r, "RG-SHOP")).map((r) => r.name)).toEqual(["contoso-shop"]);
    expect(rows.filter((r) => matchesRow(r, "contoso web")).map((r) => r.name)).toEqual(["contoso-web"]);
    expect(sortRows(rows).map((r) => r.name)).toEqual(["alpha", "contoso-shop", "contoso-web"]);
  });

  it("a scale set: one row without slots, serving in the production column", () => {
    const [row] = scaleSetRows(sub, [shop({ resourceGroup: "rg-checkout", name: "checkout-web", instanceCount: 6, readyCount: 4 })]);
    expect(row).toMatchObject({ kind: "scaleset", name: "checkout-web", resourceGroup: "rg-checkout", slotless: true });
    expect(row?.slots.production).toEqual({ target: { kind: "scaleset", subscription: sub, resourceGroup: "rg-checkout", name: "checkout-web" }, status: "Succeeded", instanceCount: 6, readyCount: 4 });
    expect(row?.slots.staging).toBeUndefined();
  });

  it("lists only the kinds this Rolecall serves, in the page's order", () => {
    expect(servedListedKinds(["scaleset", "classic", "extended"])).toEqual(["classic", "extended", "scaleset"]);
    expect(servedListedKinds(["extended"])).toEqual(["extended"]);
    expect(servedListedKinds([])).toEqual([]);
  });
});
