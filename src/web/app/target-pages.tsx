import { useMemo } from "react";
import type { Slot } from "../../shared/names.ts";
import { isSlot, type PageTarget } from "../lib/targets.ts";
import { useParamsOf } from "../lib/router.tsx";
import { NotFound } from "./not-found.tsx";
import { SlotTabs } from "./slot-tabs.tsx";
import { TargetPage } from "./target-page.tsx";

// Each target route names its target from its params; the page itself is one, for every kind. The
// target page is part of the first bundle, not loaded on demand: a deep link to a target is the
// on-call path, and one file compresses better than two (bench "wire"). What that path does not need
// loads on demand instead: the other pages, the dialogs, and the parts only some visits show.

export function DeploymentPage() {
  const { sub, service, slot } = useParamsOf("deployment");
  return isSlot(slot) ? <ClassicPage sub={sub} service={service} slot={slot} /> : <NotFound />;
}

function ClassicPage({ sub, service, slot }: { sub: string; service: string; slot: Slot }) {
  const target = useMemo((): PageTarget => ({ kind: "classic", subscription: sub, service, slot }), [sub, service, slot]);
  // A classic service holds both slots under one name: tabs between them.
  return <TargetPage target={target} nav={<SlotTabs sub={sub} service={service} slot={slot} />} />;
}

export function CloudServicePage() {
  const { sub, rg, name } = useParamsOf("cloudService");
  const target = useMemo((): PageTarget => ({ kind: "extended", subscription: sub, resourceGroup: rg, name }), [sub, rg, name]);
  return <TargetPage target={target} />;
}

export function ScaleSetPage() {
  const { sub, rg, vmss } = useParamsOf("scaleSet");
  const target = useMemo((): PageTarget => ({ kind: "scaleset", subscription: sub, resourceGroup: rg, name: vmss }), [sub, rg, vmss]);
  return <TargetPage target={target} />;
}
