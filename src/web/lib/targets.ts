import type { DeploymentSearch } from "../app/search.ts";
import type { Deployment } from "../../shared/api.ts";
import { slots, type Slot } from "../../shared/names.ts";
import { isProductionTarget, parseTargetPath, type TargetRef } from "../../shared/targets.ts";
import { href, type AnyParams, type Href } from "./paths.ts";

// The one place the SPA maps a target (shared/targets.ts) to its page and back, and words it. Pages,
// features and the header work on a TargetRef and ask here; nothing else looks at a target's kind.
// Page URLs mirror the target's /api path (`/s/{sub}/resourceGroups/{rg}/cloudServices/{name}`);
// classic deployments keep their older, shorter form so links already shared keep opening.

/** Targets the SPA has a page for: every kind. */
export type PageTarget = TargetRef;

/** "production" or "staging"; anything else in a URL is no slot (and that page is not there). */
export function isSlot(s: string | undefined): s is Slot {
  return (slots as readonly (string | undefined)[]).includes(s);
}

/**
 * The target a page's params name (any page's: `vmss` is a scale set's own param, so the params
 * alone say which kind it is), or undefined on a page that shows no single target.
 */
export function targetFromParams(p: AnyParams): PageTarget | undefined {
  if (!p.sub) return undefined;
  if (p.service && isSlot(p.slot)) return { kind: "classic", subscription: p.sub, service: p.service, slot: p.slot };
  if (p.rg && p.name) return { kind: "extended", subscription: p.sub, resourceGroup: p.rg, name: p.name };
  if (p.rg && p.vmss) return { kind: "scaleset", subscription: p.sub, resourceGroup: p.rg, name: p.vmss };
  return undefined;
}

/** The address of the target's page (`<Link to={targetHref(t)} />`), with its view state if given. */
export function targetHref(t: PageTarget, search?: Partial<DeploymentSearch>): Href {
  if (t.kind === "classic") return href("deployment", { sub: t.subscription, service: t.service, slot: t.slot }, search);
  if (t.kind === "extended") return href("cloudService", { sub: t.subscription, rg: t.resourceGroup, name: t.name }, search);
  return href("scaleSet", { sub: t.subscription, rg: t.resourceGroup, vmss: t.name }, search);
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
