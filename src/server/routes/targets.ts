import type { FastifyRequest } from "fastify";
import { z } from "zod";
import { slotSchema } from "../../shared/names.ts";
import { armCollection, parseTargetPath, targetPath, type TargetKind, type TargetRef } from "../../shared/targets.ts";
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
  /** The targets one entry of the kind's list stands for (a classic service: one per deployed slot). */
  targetsOf(sub: string, listed: unknown): ListedTarget[];
}

/**
 * A target a list names: checked against the /api path patterns (DESIGN.md §3), as a name in a
 * request is, or refused with what the list said. A name from upstream is data like any other: one
 * with a "/" or ".." in it would otherwise become a different upstream path when read.
 */
export type ListedTarget = { ref: TargetRef } | { refused: { label: string; detail: string } };

/** At most this much of a refused name is repeated back. */
const SHOWN = 80;
const shown = (name: string) => (name.length > SHOWN ? `${name.slice(0, SHOWN)}…` : name);

/** `ref` when its path is exactly one target whose names fit the patterns. */
function checked(ref: TargetRef, label: string, detail: string): ListedTarget {
  const back = parseTargetPath(targetPath(ref));
  return back && targetPath(back) === targetPath(ref) ? { ref } : { refused: { label, detail } };
}

const armListed = z.object({ resourceGroup: z.string(), name: z.string() });
const classicListed = z.object({ name: z.string(), deployments: z.array(z.object({ slot: slotSchema })) });

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
    targetsOf(sub, listed) {
      const p = armListed.safeParse(listed);
      if (!p.success) return [{ refused: { label: "an unnamed entry", detail: "it has no resource group or name" } }];
      const { resourceGroup, name } = p.data;
      return [checked({ kind, subscription: sub, resourceGroup, name }, `${shown(resourceGroup)}/${shown(name)}`, "its resource group or name is not one Azure allows")];
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
    targetsOf(sub, listed) {
      const p = classicListed.safeParse(listed);
      if (!p.success) return [{ refused: { label: "an unnamed entry", detail: "it has no name, or a deployment without a slot" } }];
      const { name, deployments } = p.data;
      return deployments.map((d) => checked({ kind: "classic", subscription: sub, service: name, slot: d.slot }, `${shown(name)} · ${d.slot}`, "its service name is not one Azure allows"));
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
