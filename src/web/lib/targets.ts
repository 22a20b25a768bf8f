import { linkOptions } from "@tanstack/react-router";
import type { Deployment } from "../../shared/api.ts";
import type { Slot } from "../../shared/names.ts";
import { isProductionTarget, parseTargetPath, type TargetRef } from "../../shared/targets.ts";

// The one place the SPA maps a target (shared/targets.ts) to its page and back, and words it. Pages,
// features and the header work on a TargetRef and ask here; nothing else looks at a target's kind.
// Page URLs mirror the target's /api path (`/s/{sub}/resourceGroups/{rg}/cloudServices/{name}`);
// classic deployments keep their older, shorter form so links already shared keep opening.

/** Targets the SPA has a page for (scale sets join with a route and a row here). */
export type PageTarget = TargetRef & { kind: "classic" | "extended" };

/** The route params of any target page, as `useParams({ strict: false })` gives them. */
export interface TargetParams {
  sub?: string;
  service?: string;
  slot?: Slot;
  rg?: string;
  name?: string;
}

/** The target a page's params name, or undefined on a page that shows no single target. */
export function targetFromParams(p: TargetParams): PageTarget | undefined {
  if (!p.sub) return undefined;
  if (p.service && p.slot) return { kind: "classic", subscription: p.sub, service: p.service, slot: p.slot };
  if (p.rg && p.name) return { kind: "extended", subscription: p.sub, resourceGroup: p.rg, name: p.name };
  return undefined;
}

/** Link options (`<Link {...targetLink(t)} />`) of the target's page. */
export function targetLink(t: PageTarget) {
  return t.kind === "classic"
    ? linkOptions({ to: "/s/$sub/services/$service/$slot", params: { sub: t.subscription, service: t.service, slot: t.slot } })
    : linkOptions({ to: "/s/$sub/resourceGroups/$rg/cloudServices/$name", params: { sub: t.subscription, rg: t.resourceGroup, name: t.name } });
}

const isPageTarget = (ref: TargetRef): ref is PageTarget => ref.kind === "classic" || ref.kind === "extended";

/** A target path from the proxy (an extended cloud service's `peer`) as a page target, if the SPA has a page for it. */
export function pageTargetOf(path: string | undefined): PageTarget | undefined {
  const ref = path ? parseTargetPath(path) : undefined;
  return ref && isPageTarget(ref) ? ref : undefined;
}

/** How a target is named on its page, in its dialog and in its summary. */
export interface TargetHeading {
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
  return t.kind === "classic"
    ? { name: t.service, resourceGroup: undefined, slot: t.slot, production: isProductionTarget(t) }
    : { name: t.name, resourceGroup: t.resourceGroup, slot: d?.slotType?.toLowerCase(), production: isProductionTarget(t) };
}

/** "Production" for "production": a slot as a badge or a column heading says it. */
export function slotWord(slot: string): string {
  return slot.charAt(0).toUpperCase() + slot.slice(1);
}
