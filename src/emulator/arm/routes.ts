import { matchPath } from "../routing.ts";
import { armErrors } from "./errors.ts";
import {
  rebuildCloudService,
  rebuildRoleInstance,
  reimageCloudService,
  reimageRoleInstance,
  restartCloudService,
  restartRoleInstance,
} from "./handlers/actions.ts";
import { getCloudService, getCloudServiceInstanceView, listAllCloudServices, listCloudServices } from "./handlers/cloud-services.ts";
import type { ArmHandler } from "./handlers/context.ts";
import { getOperationResult, getOperationStatus } from "./handlers/operations.ts";
import { getRoleInstance, getRoleInstanceView, listRoleInstances } from "./handlers/role-instances.ts";
import { getRole, getUpdateDomain, listRoles, listUpdateDomains } from "./handlers/roles.ts";
import {
  reimageAllScaleSet,
  reimageAllScaleSetVm,
  reimageScaleSet,
  reimageScaleSetVm,
  restartScaleSet,
  restartScaleSetVm,
} from "./handlers/scale-set-actions.ts";
import { getScaleSetVm, getScaleSetVmInstanceView, listScaleSetVms } from "./handlers/scale-set-vms.ts";
import { getScaleSet, listAllScaleSets, listScaleSets } from "./handlers/scale-sets.ts";
import { CLOUD_SERVICES_API_VERSIONS, COMPUTE_API_VERSIONS, SCALE_SETS_API_VERSIONS } from "./wire.ts";

/**
 * The routing table: one row per ARM operation, named as the REST reference names it, for
 * `Microsoft.Compute/cloudServices` (api-version 2024-11-04) and Uniform
 * `Microsoft.Compute/virtualMachineScaleSets` (2026-04-01 or 2025-04-01). `{name}` is a path
 * parameter; literal segments match case-insensitively, as ARM's do. A row with `query` is chosen when
 * that query parameter has that value (the Location form of the operation status URL).
 */
export interface ArmRoute {
  operation: string;
  method: "GET" | "POST";
  path: string;
  query?: { name: string; value: string };
  /** The api-versions this operation answers; any other is ARM's InvalidApiVersionParameter. */
  apiVersions: readonly string[];
  handler: ArmHandler;
}

const sub = "/subscriptions/{subscription}";
const rg = `${sub}/resourceGroups/{resourceGroup}/providers/Microsoft.Compute`;
const cs = `${rg}/cloudServices/{cloudService}`;
const ri = `${cs}/roleInstances/{roleInstance}`;
const ss = `${rg}/virtualMachineScaleSets/{scaleSet}`;
const vm = `${ss}/virtualMachines/{instanceId}`;
const op = `${sub}/providers/Microsoft.Compute/locations/{location}/operations/{operationId}`;

type Row = Omit<ArmRoute, "apiVersions">;
const versions = (apiVersions: readonly string[], rows: Row[]): ArmRoute[] => rows.map((r) => ({ ...r, apiVersions }));

export const armRoutes: ArmRoute[] = [
  ...versions(CLOUD_SERVICES_API_VERSIONS, [
    { operation: "Cloud Services - List All", method: "GET", path: `${sub}/providers/Microsoft.Compute/cloudServices`, handler: listAllCloudServices },
    { operation: "Cloud Services - List", method: "GET", path: `${rg}/cloudServices`, handler: listCloudServices },
    { operation: "Cloud Services - Get", method: "GET", path: cs, handler: getCloudService },
    { operation: "Cloud Services - Get Instance View", method: "GET", path: `${cs}/instanceView`, handler: getCloudServiceInstanceView },
    { operation: "Cloud Services - Restart", method: "POST", path: `${cs}/restart`, handler: restartCloudService },
    { operation: "Cloud Services - Reimage", method: "POST", path: `${cs}/reimage`, handler: reimageCloudService },
    { operation: "Cloud Services - Rebuild", method: "POST", path: `${cs}/rebuild`, handler: rebuildCloudService },
    { operation: "Cloud Service Roles - List", method: "GET", path: `${cs}/roles`, handler: listRoles },
    { operation: "Cloud Service Roles - Get", method: "GET", path: `${cs}/roles/{role}`, handler: getRole },
    { operation: "Cloud Service Role Instances - List", method: "GET", path: `${cs}/roleInstances`, handler: listRoleInstances },
    { operation: "Cloud Service Role Instances - Get", method: "GET", path: ri, handler: getRoleInstance },
    { operation: "Cloud Service Role Instances - Get Instance View", method: "GET", path: `${ri}/instanceView`, handler: getRoleInstanceView },
    { operation: "Cloud Service Role Instances - Restart", method: "POST", path: `${ri}/restart`, handler: restartRoleInstance },
    { operation: "Cloud Service Role Instances - Reimage", method: "POST", path: `${ri}/reimage`, handler: reimageRoleInstance },
    { operation: "Cloud Service Role Instances - Rebuild", method: "POST", path: `${ri}/rebuild`, handler: rebuildRoleInstance },
    { operation: "Cloud Services Update Domain - List Update Domains", method: "GET", path: `${cs}/updateDomains`, handler: listUpdateDomains },
    { operation: "Cloud Services Update Domain - Get Update Domain", method: "GET", path: `${cs}/updateDomains/{updateDomain}`, handler: getUpdateDomain },
  ]),
  ...versions(SCALE_SETS_API_VERSIONS, [
    { operation: "Virtual Machine Scale Sets - List All", method: "GET", path: `${sub}/providers/Microsoft.Compute/virtualMachineScaleSets`, handler: listAllScaleSets },
    { operation: "Virtual Machine Scale Sets - List", method: "GET", path: `${rg}/virtualMachineScaleSets`, handler: listScaleSets },
    { operation: "Virtual Machine Scale Sets - Get", method: "GET", path: ss, handler: getScaleSet },
    { operation: "Virtual Machine Scale Sets - Reimage", method: "POST", path: `${ss}/reimage`, handler: reimageScaleSet },
    { operation: "Virtual Machine Scale Sets - Reimage All", method: "POST", path: `${ss}/reimageall`, handler: reimageAllScaleSet },
    { operation: "Virtual Machine Scale Sets - Restart", method: "POST", path: `${ss}/restart`, handler: restartScaleSet },
    { operation: "Virtual Machine Scale Set VMs - List", method: "GET", path: `${ss}/virtualMachines`, handler: listScaleSetVms },
    { operation: "Virtual Machine Scale Set VMs - Get", method: "GET", path: vm, handler: getScaleSetVm },
    { operation: "Virtual Machine Scale Set VMs - Get Instance View", method: "GET", path: `${vm}/instanceView`, handler: getScaleSetVmInstanceView },
    { operation: "Virtual Machine Scale Set VMs - Reimage", method: "POST", path: `${vm}/reimage`, handler: reimageScaleSetVm },
    { operation: "Virtual Machine Scale Set VMs - Reimage All", method: "POST", path: `${vm}/reimageall`, handler: reimageAllScaleSetVm },
    { operation: "Virtual Machine Scale Set VMs - Restart", method: "POST", path: `${vm}/restart`, handler: restartScaleSetVm },
  ]),
  ...versions(COMPUTE_API_VERSIONS, [
    { operation: "Operation Status (Azure-AsyncOperation)", method: "GET", path: op, handler: getOperationStatus },
    { operation: "Operation Result (Location)", method: "GET", path: op, query: { name: "monitor", value: "true" }, handler: getOperationResult },
  ]),
];

const compiled = armRoutes.map((r) => ({ ...r, segments: r.path.split("/").filter(Boolean) }));

/** Finds the operation for a request or throws: unknown path → 404, known path with another verb → 405. */
export function matchArmRoute(method: string, segments: string[], query: Record<string, string>, rawPath: string): { route: ArmRoute; params: Record<string, string> } {
  const byPath = compiled.flatMap((route) => {
    const params = matchPath(route.segments, segments);
    return params ? [{ route, params }] : [];
  });
  if (byPath.length === 0) throw armErrors.noRoute(rawPath);
  const byMethod = byPath.filter((m) => m.route.method === method);
  if (byMethod.length === 0) throw armErrors.badMethod(method);
  const byQuery = byMethod.find((m) => m.route.query && (query[m.route.query.name] ?? "").toLowerCase() === m.route.query.value);
  const found = byQuery ?? byMethod.find((m) => !m.route.query);
  if (!found) throw armErrors.noRoute(rawPath);
  return found;
}
