import { requestIdToGuid } from "../../shared/names.ts";
import { ready } from "./lifecycle.ts";
import { DAY, ipFor, type BuildContext } from "./scenario-builder.ts";
import type { InstanceRest, ScaleSet, ScaleSetVm } from "./types.ts";

/** Turns a compact description of a Uniform scale set into model objects, deterministically. */
export interface ScaleSetSpec {
  resourceGroup: string;
  name: string;
  /** ARM form, e.g. `westeurope`. */
  location: string;
  sku: string;
  capacity: number;
  zones: string[];
  updateDomainCount: number;
  upgradeMode?: ScaleSet["upgradeMode"];
  healthProbe: boolean;
  /** Instances that do not start ready (and, with a probe, healthy), by instance id. */
  unhealthy?: Record<string, InstanceRest>;
  /** Instance ids protected from scale-set actions (which implies from scale-in too). */
  protectedFromScaleSetActions?: string[];
  /** Instance ids whose model is behind the scale set's. */
  outdatedModel?: string[];
}

const guid = (ctx: BuildContext): string => requestIdToGuid(ctx.prng.hex(32));

/**
 * Azure names a Uniform instance's computer `{computerNamePrefix}` plus its instance id in base 36,
 * upper case, padded to six characters (`web000000`, `web00000A`).
 */
const computerName = (prefix: string, n: number): string => `${prefix}${n.toString(36).toUpperCase().padStart(6, "0")}`;

/**
 * Instances go round the zones (0 → zone 1, 1 → zone 2, …) and the update domains alike, so that a
 * set of three update domains over three zones walks zone by zone, as Azure's zonal rollouts do; fault
 * domains count the instances within a zone.
 */
export function buildScaleSet(ctx: BuildContext, spec: ScaleSetSpec): ScaleSet {
  const prefix = spec.name.replace(/[^A-Za-z0-9]/g, "").slice(0, 9).toLowerCase();
  const protectedIds = new Set(spec.protectedFromScaleSetActions ?? []);
  const outdated = new Set(spec.outdatedModel ?? []);
  const instances: ScaleSetVm[] = [];
  for (let n = 0; n < spec.capacity; n++) {
    const instanceId = String(n);
    ctx.nextIp += 1;
    instances.push({
      name: `${spec.name}_${instanceId}`,
      role: spec.name,
      instanceId,
      zone: spec.zones[n % spec.zones.length] ?? "1",
      upgradeDomain: n % spec.updateDomainCount,
      faultDomain: Math.floor(n / spec.zones.length) % 2,
      size: spec.sku,
      ipAddress: ipFor(ctx.nextIp),
      vmId: guid(ctx),
      computerName: computerName(prefix, n),
      latestModelApplied: !outdated.has(instanceId),
      protectFromScaleIn: protectedIds.has(instanceId),
      protectFromScaleSetActions: protectedIds.has(instanceId),
      rest: spec.unhealthy?.[instanceId] ?? ready,
    });
  }
  const createdAt = Math.floor((ctx.now - (10 + ctx.prng.int(200)) * DAY) / 1000) * 1000;
  return {
    name: spec.name,
    resourceGroup: spec.resourceGroup,
    location: spec.location,
    uniqueId: guid(ctx),
    orchestrationMode: "Uniform",
    sku: spec.sku,
    upgradeMode: spec.upgradeMode ?? "Manual",
    updateDomainCount: spec.updateDomainCount,
    zones: spec.zones,
    healthProbe: spec.healthProbe,
    computerNamePrefix: prefix,
    instances,
    createdAt,
    modifiedAt: createdAt + ctx.prng.int(DAY),
  };
}
