import { useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import type { Deployment } from "../../shared/api.ts";
import { slots } from "../../shared/names.ts";
import type { TargetRef } from "../../shared/targets.ts";
import { ProductionTag, Badge } from "../components/ui/badge.tsx";
import { DeploymentStatus } from "../components/ui/deployment-status.tsx";
import { configQueryOptions } from "../features/config/queries.ts";
import { servicesQueryOptions } from "../features/services/queries.ts";
import { ShareButtons } from "../features/share/components/ShareButtons.tsx";
import { deploymentSummary } from "../features/share/summary.ts";

export type ClassicTarget = Extract<TargetRef, { kind: "classic" }>;

/** Which deployment this is (breadcrumb, name, slot, status), its sibling slot, and sharing. */
export function DeploymentHeader({ target, deployment }: { target: ClassicTarget; deployment: Deployment | undefined }) {
  const { subscription: sub, service, slot } = target;
  const config = useQuery(configQueryOptions()).data;
  // Built on click only: the summary is what is on screen at that moment.
  const summary = () =>
    deploymentSummary({
      service,
      slot,
      mode: config?.mode ?? "emulator",
      subscriptionName: config?.subscriptions.find((s) => s.id === sub)?.name ?? sub,
      roles: deployment?.roles.map((r) => r.name) ?? [],
      instances: deployment?.instances ?? [],
      inFlight: deployment?.inFlight ?? [],
      asOf: deployment?.fetchedAt ?? "",
      url: window.location.href,
    });

  return (
    <div className="flex flex-wrap items-start justify-between gap-3">
      <div className="space-y-1">
        <nav aria-label="Breadcrumb" className="text-sm">
          <Link to="/s/$sub" params={{ sub }} className="text-blue-800 underline dark:text-blue-300">Cloud services</Link> <span aria-hidden="true">›</span> {service}
        </nav>
        <h1 className="flex flex-wrap items-center gap-2 text-xl font-semibold">
          {service} {slot === "production" ? <ProductionTag /> : <Badge tone="info">Staging</Badge>}
          {deployment ? <DeploymentStatus status={deployment.status} /> : null}
        </h1>
        <SlotTabs target={target} />
      </div>
      <ShareButtons summary={summary} />
    </div>
  );
}

/** Production and staging of the service; a slot with no deployment stays reachable, struck through. */
function SlotTabs({ target }: { target: ClassicTarget }) {
  const { subscription: sub, service, slot } = target;
  const services = useQuery(servicesQueryOptions(sub));
  const existing = services.data?.find((s) => s.name === service)?.deployments.map((d) => d.slot);
  return (
    <nav aria-label="Slots" className="flex gap-1">
      {slots.map((s) => {
        const exists = !existing || existing.includes(s);
        return (
          <Link
            key={s}
            to="/s/$sub/services/$service/$slot"
            params={{ sub, service, slot: s }}
            aria-current={s === slot ? "page" : undefined}
            className={`rounded-t-md border-b-2 px-3 py-1 text-sm font-medium ${s === slot ? (s === "production" ? "border-red-600" : "border-blue-600") : "border-transparent hover:border-slate-400"} ${exists ? "" : "text-slate-600 line-through dark:text-slate-400"}`}
          >
            {s === "production" ? "Production" : "Staging"}
            {exists ? "" : " (none)"}
          </Link>
        );
      })}
    </nav>
  );
}
