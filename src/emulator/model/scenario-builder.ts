import type { Slot } from "../../shared/names.ts";
import type { Prng } from "./prng.ts";
import type { Deployment, Endpoint, HostedService, Instance, InstanceRest, Role } from "./types.ts";
import { ready } from "./lifecycle.ts";

/** Helpers that turn a compact description of a service into model objects, deterministically. */
export interface RoleSpec {
  name: string;
  count: number;
  size?: string;
  endpoints?: Endpoint[];
}

export interface DeploymentSpec {
  slot: Slot;
  label: string;
  upgradeDomainCount: number;
  roles: RoleSpec[];
  /** Instances that do not start ReadyRole, by instance name. */
  unhealthy?: Record<string, InstanceRest>;
}

export interface ServiceSpec {
  name: string;
  label: string;
  location: string;
  deployments: DeploymentSpec[];
}

export const DAY = 24 * 60 * 60 * 1000;
export const OS_VERSION = "WA-GUEST-OS-7.36_202411-01";
const SDK_VERSION = "2.9.8999.43";

export const webEndpoint: Endpoint = { name: "HttpIn", publicPort: 80, localPort: 80, protocol: "tcp" };
export const apiEndpoint: Endpoint = { name: "ApiIn", publicPort: 8080, localPort: 8080, protocol: "tcp" };

export interface BuildContext {
  prng: Prng;
  now: number;
  /** Next private address, shared across a scenario so that addresses are unique. */
  nextIp: number;
}

export function ipFor(n: number): string {
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
}

/**
 * The instances of `roles`, for both faces: `<role>_IN_<n>`, spread over the upgrade domains and two
 * fault domains, each with the next IP, ReadyRole unless `unhealthy` names it.
 */
export function buildInstances(ctx: BuildContext, roles: readonly { name: string; count: number; size: string }[], upgradeDomainCount: number, unhealthy?: Record<string, InstanceRest>): Instance[] {
  const instances: Instance[] = [];
  for (const r of roles) {
    for (let i = 0; i < r.count; i++) {
      const name = `${r.name}_IN_${i}`;
      ctx.nextIp += 1;
      instances.push({ name, role: r.name, upgradeDomain: i % upgradeDomainCount, faultDomain: i % 2, size: r.size, ipAddress: ipFor(ctx.nextIp), rest: unhealthy?.[name] ?? ready });
    }
  }
  return instances;
}

function buildDeployment(ctx: BuildContext, spec: DeploymentSpec, createdAt: number): Deployment {
  const { prng } = ctx;
  const roles: Role[] = spec.roles.map((r) => ({
    name: r.name,
    osVersion: OS_VERSION,
    size: r.size ?? "Small",
    endpoints: r.endpoints ?? [],
  }));
  const instances = buildInstances(ctx, spec.roles.map((r) => ({ name: r.name, count: r.count, size: r.size ?? "Small" })), spec.upgradeDomainCount, spec.unhealthy);
  return {
    name: prng.hex(32),
    slot: spec.slot,
    privateId: prng.hex(32),
    label: spec.label,
    sdkVersion: SDK_VERSION,
    vip: `20.${50 + prng.int(50)}.${prng.int(256)}.${1 + prng.int(254)}`,
    createdAt,
    modifiedAt: createdAt + prng.int(DAY),
    upgradeDomainCount: spec.upgradeDomainCount,
    roles,
    instances,
  };
}

export function buildService(ctx: BuildContext, spec: ServiceSpec): HostedService {
  const createdAt = Math.floor((ctx.now - (200 + ctx.prng.int(400)) * DAY) / 1000) * 1000;
  const deployments = spec.deployments.map((d) =>
    buildDeployment(ctx, d, Math.floor((ctx.now - (1 + ctx.prng.int(60)) * DAY) / 1000) * 1000),
  );
  return {
    name: spec.name,
    label: spec.label,
    description: "",
    location: spec.location,
    createdAt,
    modifiedAt: Math.max(createdAt, ...deployments.map((d) => d.modifiedAt)),
    deployments,
  };
}
