import type { FastifyRequest } from "fastify";
import type { TargetRef } from "../../shared/targets.ts";
import type { Backends } from "../backends/types.ts";
import { names } from "./params.ts";

/**
 * The one table of target kinds in the routes: the /api path of each kind's targets (`{T}` in
 * DESIGN.md §3) and how its parameters name a target. Every route under a target is registered once
 * per row, and works on the TargetRef alone.
 */
export const targetRoutes: { [K in keyof Backends]: { path: string; parse(params: unknown): TargetRef } } = {
  classic: {
    path: "/api/subscriptions/:sub/services/:svc/deployments/:slot",
    parse(params) {
      const n = names(params, ["sub", "svc", "slot"]);
      return { kind: "classic", subscription: n.sub, service: n.svc, slot: n.slot };
    },
  },
};

export const targetRouteList = Object.values(targetRoutes);

export type TargetRoute = (typeof targetRouteList)[number];

export const targetOf = (route: TargetRoute, request: FastifyRequest): TargetRef => route.parse(request.params);
