import type { FastifyRequest } from "fastify";
import { armCollection, type TargetKind, type TargetRef } from "../../shared/targets.ts";
import type { Backend, Backends } from "../backends/types.ts";
import { names } from "./params.ts";

interface TargetRoute {
  /** `{T}`: the /api path of one target of this kind. */
  path: string;
  /** The /api path that lists this kind's targets in a subscription. */
  list: string;
  /** Words for a person: "the cloud services". */
  plural: string;
  parse(params: unknown): TargetRef;
}

/** An ARM kind's row: `{T}` = /api/subscriptions/:sub/resourceGroups/:rg/{collection}/:name, listed per subscription. */
function armRoute(kind: keyof typeof armCollection, plural: string): TargetRoute {
  const collection = armCollection[kind];
  return {
    path: `/api/subscriptions/:sub/resourceGroups/:rg/${collection}/:name`,
    list: `/api/subscriptions/:sub/${collection}`,
    plural,
    parse(params) {
      const n = names(params, ["sub", "rg", "name"]);
      return { kind, subscription: n.sub, resourceGroup: n.rg, name: n.name };
    },
  };
}

/**
 * The one table of target kinds in the routes (DESIGN.md §3). Every route under a target is
 * registered once per configured row and works on the TargetRef alone.
 */
const targetRoutes: { [K in keyof Backends & TargetKind]: TargetRoute } = {
  classic: {
    path: "/api/subscriptions/:sub/services/:svc/deployments/:slot",
    list: "/api/subscriptions/:sub/services",
    plural: "cloud services (classic)",
    parse(params) {
      const n = names(params, ["sub", "svc", "slot"]);
      return { kind: "classic", subscription: n.sub, service: n.svc, slot: n.slot };
    },
  },
  extended: armRoute("extended", "cloud services (extended support)"),
  scaleset: armRoute("scaleset", "scale sets"),
};

export interface ConfiguredTarget {
  route: TargetRoute;
  backend: Backend;
}

/** The rows whose upstream is on. */
export function configuredTargets(backends: Backends): ConfiguredTarget[] {
  return (Object.keys(targetRoutes) as (keyof typeof targetRoutes)[]).flatMap((kind) => {
    const backend = backends[kind];
    return backend ? [{ route: targetRoutes[kind], backend }] : [];
  });
}

export const targetOf = (route: TargetRoute, request: FastifyRequest): TargetRef => route.parse(request.params);
