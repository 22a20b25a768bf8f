import { describe, expect, it } from "vitest";
import { isProductionTarget, parseTargetPath, targetLabel, targetPath, type TargetRef } from "./targets.ts";

const sub = "7d9c1d9e-3c4b-4f5a-8e2d-1a2b3c4d5e6f";

describe("target paths", () => {
  const refs: TargetRef[] = [
    { kind: "classic", subscription: sub, service: "contoso-web", slot: "staging" },
    { kind: "extended", subscription: sub, resourceGroup: "rg-app_(eu).1", name: "web-cs" },
    { kind: "scaleset", subscription: sub, resourceGroup: "rg", name: "api_vmss" },
  ];

  it("mirror Azure's resource ids and read back to the same target", () => {
    expect(refs.map(targetPath)).toEqual([
      `/api/subscriptions/${sub}/services/contoso-web/deployments/staging`,
      `/api/subscriptions/${sub}/resourceGroups/rg-app_(eu).1/cloudServices/web-cs`,
      `/api/subscriptions/${sub}/resourceGroups/rg/virtualMachineScaleSets/api_vmss`,
    ]);
    for (const ref of refs) expect(parseTargetPath(targetPath(ref))).toEqual(ref);
  });

  it("refuse anything that is not exactly a target with valid names", () => {
    for (const bad of [
      `/api/subscriptions/${sub}/services/contoso-web`,
      `/api/subscriptions/${sub}/services/contoso-web/deployments/prod`,
      `/api/subscriptions/${sub}/services/contoso-web/deployments/production/instances/x`,
      `/api/subscriptions/not-a-guid/services/contoso-web/deployments/production`,
      `/api/subscriptions/${sub}/resourceGroups/rg./cloudServices/web`,
      `/api/subscriptions/${sub}/resourceGroups/rg/cloudServices/-web`,
      `/api/subscriptions/${sub}/resourceGroups/rg/storageAccounts/web`,
      `api/subscriptions/${sub}/services/contoso-web/deployments/production`,
      "",
    ]) {
      expect(parseTargetPath(bad), bad).toBeUndefined();
    }
  });

  it("read as a person names them, with production called out", () => {
    expect(refs.map(targetLabel)).toEqual(["contoso-web · staging", "rg-app_(eu).1/web-cs", "rg/api_vmss"]);
    expect(isProductionTarget({ kind: "classic", subscription: sub, service: "w", slot: "production" })).toBe(true);
    expect(refs.map(isProductionTarget)).toEqual([false, false, false]);
  });
});
