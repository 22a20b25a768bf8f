import { getRouteApi } from "@tanstack/react-router";
import { useMemo } from "react";
import type { PageTarget } from "../lib/targets.ts";
import { SlotTabs } from "./slot-tabs.tsx";
import { TargetPage } from "./target-page.tsx";

// Each target route names its target from its params; the page itself is one, for every kind.
const classic = getRouteApi("/s/$sub/services/$service/$slot");
const extended = getRouteApi("/s/$sub/resourceGroups/$rg/cloudServices/$name");
const scaleset = getRouteApi("/s/$sub/resourceGroups/$rg/virtualMachineScaleSets/$vmss");

export function DeploymentPage() {
  const { sub, service, slot } = classic.useParams();
  const target = useMemo((): PageTarget => ({ kind: "classic", subscription: sub, service, slot }), [sub, service, slot]);
  // A classic service holds both slots under one name: tabs between them.
  return <TargetPage target={target} nav={<SlotTabs sub={sub} service={service} slot={slot} />} />;
}

export function CloudServicePage() {
  const { sub, rg, name } = extended.useParams();
  const target = useMemo((): PageTarget => ({ kind: "extended", subscription: sub, resourceGroup: rg, name }), [sub, rg, name]);
  return <TargetPage target={target} />;
}

export function ScaleSetPage() {
  const { sub, rg, vmss } = scaleset.useParams();
  const target = useMemo((): PageTarget => ({ kind: "scaleset", subscription: sub, resourceGroup: rg, name: vmss }), [sub, rg, vmss]);
  return <TargetPage target={target} />;
}
