import { linkOptions } from "@tanstack/react-router";
import type { Deployment } from "../../shared/api.ts";
import type { Slot } from "../../shared/names.ts";
import { isProductionTarget, parseTargetPath, type TargetRef } from "../../shared/targets.ts";

// The one place the SPA maps a target (shared/targets.ts) to its page and back, and words it. Pages,
// features and the header work on a TargetRef and ask here; nothing else looks at a target's kind.
// Page URLs mirror the target's /api path (`/s/{sub}/resourceGroups/{rg}/cloudServices/{name}`);
// classic deployments keep their older, shorter form so links already shared keep opening.

/** Targets the SPA has a page for: every kind. */
export type PageTarget = TargetRef;

/** The route params of any target page, as `useParams({ strict: false })` gives them. */
export interface TargetParams {
  sub?: string;
  service?: string;
  slot?: Slot;
  rg?: string;
  /** A cloud service (extended support)'s name. */
  name?: string;
  /** A scale set's name: its own param, so a page's params alone say which kind it shows. */
  vmss?: string;
}

/** The target a page's params name, or undefined on a page that shows no single target. */
export function targetFromParams(p: TargetParams): PageTarget | undefined {
  if (!p.sub) return undefined;
  if (p.service && p.slot) return { kind: "classic", subscription: p.sub, service: p.service, slot: p.slot };
  if (p.rg && p.name) return { kind: "extended", subscription: p.sub, resourceGroup: p.rg, name: p.name };
  if (p.rg && p.vmss) return { kind: "scaleset", subscription: p.sub, resourceGroup: p.rg, name: p.vmss };
  return undefined;
}

/** Link options (`<Link {...targetLink(t)} />`) of the target's page. */
export function targetLink(t: PageTarget) {
  if (t.kind === "classic") return linkOptions({ to: "/s/$sub/services/$service/$slot", params: { sub: t.subscription, service: t.service, slot: t.slot } });
  if (t.kind === "extended") return linkOptions({ to: "/s/$sub/resourceGroups/$rg/cloudServices/$name", params: { sub: t.subscription, rg: t.resourceGroup, name: t.name } });
  return linkOptions({ to: "/s/$sub/resourceGroups/$rg/virtualMachineScaleSets/$vmss", params: { sub: t.subscription, rg: t.resourceGroup, vmss: t.name } });
}

/** A target path from the proxy (an extended cloud service's `peer`) as a page target. */
export function pageTargetOf(path: string | undefined): PageTarget | undefined {
  return path ? parseTargetPath(path) : undefined;
}

/** How a target is named on its page, in its dialog and in its summary. */
export interface TargetHeading {
  /** What kind of thing it is, as a sentence starts: "Cloud service", "Scale set". */
  noun: string;
  /** What people call it: the classic service, or the ARM resource's name. */
  name: string;
  /** The ARM resource group, when the target lives in one. */
  resourceGroup: string | undefined;
  /** "production" or "staging": a classic deployment's slot, an extended cloud service's slotType. */
  slot: string | undefined;
  /** Production in the sense that adds friction (shared `isProductionTarget`): the red tag, a typed word. */
  production: boolean;
}

export function targetHeading(t: TargetRef, d?: Pick<Deployment, "slotType">): TargetHeading {
  if (t.kind === "classic") return { noun: "Cloud service", name: t.service, resourceGroup: undefined, slot: t.slot, production: isProductionTarget(t) };
  const noun = t.kind === "scaleset" ? "Scale set" : "Cloud service";
  return { noun, name: t.name, resourceGroup: t.resourceGroup, slot: d?.slotType?.toLowerCase(), production: isProductionTarget(t) };
}

/** "Production" for "production": a slot as a badge or a column heading says it. */
export function slotWord(slot: string): string {
  return slot.charAt(0).toUpperCase() + slot.slice(1);
}
