import { resourceGroupPattern, armNamePattern, serviceNamePattern, subscriptionIdPattern, slots, type Slot } from "./names.ts";

// A target is one set of instances that act together (DESIGN.md §3): a classic deployment, an
// extended cloud service or a scale set. Its /api path mirrors Azure's resource id and is how every
// part (locks, operations, audit, the SPA's links) names it.

export const targetKinds = ["classic", "extended", "scaleset"] as const;
export type TargetKind = (typeof targetKinds)[number];

export type TargetRef =
  | { kind: "classic"; subscription: string; service: string; slot: Slot }
  | { kind: "extended" | "scaleset"; subscription: string; resourceGroup: string; name: string };

/** The Azure resource collection of each ARM kind, as it stands in resource ids and in `{T}`. */
export const armCollection = { extended: "cloudServices", scaleset: "virtualMachineScaleSets" } as const;

/** The target's /api path, `{T}` in DESIGN.md §3. */
export function targetPath(t: TargetRef): string {
  const sub = `/api/subscriptions/${t.subscription}`;
  return t.kind === "classic"
    ? `${sub}/services/${t.service}/deployments/${t.slot}`
    : `${sub}/resourceGroups/${t.resourceGroup}/${armCollection[t.kind]}/${t.name}`;
}

/** A target path back to its parts; undefined for anything that is not exactly one (names checked). */
export function parseTargetPath(path: string): TargetRef | undefined {
  const [empty, api, subs, subscription = "", collection = "", first = "", inner = "", last = "", ...rest] = path.split("/");
  if (empty !== "" || api !== "api" || subs !== "subscriptions" || rest.length > 0 || !subscriptionIdPattern.test(subscription)) return undefined;
  if (collection === "services" && inner === "deployments") {
    const slot = slots.find((s) => s === last);
    return serviceNamePattern.test(first) && slot ? { kind: "classic", subscription, service: first, slot } : undefined;
  }
  if (collection !== "resourceGroups" || !resourceGroupPattern.test(first) || !armNamePattern.test(last)) return undefined;
  const kind = inner === armCollection.extended ? "extended" : inner === armCollection.scaleset ? "scaleset" : undefined;
  return kind ? { kind, subscription, resourceGroup: first, name: last } : undefined;
}

const armProviderCollection: Record<string, "extended" | "scaleset"> = { cloudservices: "extended", virtualmachinescalesets: "scaleset" };

/**
 * An Azure resource id (`/subscriptions/…/resourceGroups/…/providers/Microsoft.Compute/cloudServices/…`)
 * as a target; undefined for anything else.
 */
export function targetOfArmId(id: string): TargetRef | undefined {
  const [empty, subs, subscription = "", groups, resourceGroup = "", providers, provider = "", collection = "", name = "", ...rest] = id.split("/");
  if (empty !== "" || rest.length > 0 || subs?.toLowerCase() !== "subscriptions" || groups?.toLowerCase() !== "resourcegroups") return undefined;
  if (providers?.toLowerCase() !== "providers" || provider.toLowerCase() !== "microsoft.compute") return undefined;
  const kind = armProviderCollection[collection.toLowerCase()];
  if (!kind || !subscriptionIdPattern.test(subscription) || !resourceGroupPattern.test(resourceGroup) || !armNamePattern.test(name)) return undefined;
  return { kind, subscription: subscription.toLowerCase(), resourceGroup, name };
}

/** How a target reads in a list or a sentence: "contoso-web · production", "rg-app/web-cs". */
export function targetLabel(t: TargetRef): string {
  return t.kind === "classic" ? `${t.service} · ${t.slot}` : `${t.resourceGroup}/${t.name}`;
}

/** Production slots get the extra friction (a typed word) and the red tag. */
export function isProductionTarget(t: TargetRef): boolean {
  return t.kind === "classic" && t.slot === "production";
}
