import { useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import type { ReactNode } from "react";
import type { Deployment } from "../../shared/api.ts";
import { targetLabel, type TargetRef } from "../../shared/targets.ts";
import { ProductionTag, Badge } from "../components/ui/badge.tsx";
import { DeploymentStatus } from "../components/ui/deployment-status.tsx";
import { configQueryOptions } from "../features/config/queries.ts";
import { ShareButtons } from "../features/share/components/ShareButtons.tsx";
import { deploymentSummary } from "../features/share/summary.ts";
import { pageTargetOf, slotWord, targetLink, type TargetHeading } from "../lib/targets.ts";

interface Props {
  target: TargetRef;
  heading: TargetHeading;
  deployment: Deployment | undefined;
  /** What the route adds under the title (a classic service's slot tabs). */
  nav?: ReactNode;
  /** The target's rolling job in one line, for the summary. */
  jobSummary?: string | undefined;
}

/** Which target this is (breadcrumb, name, slot, status, where it lives), and sharing. */
export function TargetHeader({ target, heading, deployment, nav, jobSummary }: Props) {
  const sub = target.subscription;
  const config = useQuery(configQueryOptions()).data;
  // Built on click only: the summary is what is on screen at that moment.
  const summary = () =>
    deploymentSummary({
      target: heading,
      mode: config?.mode ?? "emulator",
      subscriptionName: config?.subscriptions.find((s) => s.id === sub)?.name ?? sub,
      roles: deployment?.roles.map((r) => r.name) ?? [],
      instances: deployment?.instances ?? [],
      inFlight: deployment?.inFlight ?? [],
      asOf: deployment?.fetchedAt ?? "",
      url: window.location.href,
      job: jobSummary,
    });

  return (
    <div className="flex flex-wrap items-start justify-between gap-3">
      <div className="space-y-1">
        <nav aria-label="Breadcrumb" className="text-sm">
          <Link to="/s/$sub" params={{ sub }} className="text-blue-800 underline dark:text-blue-300">Cloud services</Link> <span aria-hidden="true">›</span> {heading.name}
        </nav>
        <h1 className="flex flex-wrap items-center gap-2 text-xl font-semibold">
          {heading.name} {heading.production ? <ProductionTag /> : heading.slot ? <Badge tone="info">{slotWord(heading.slot)}</Badge> : null}
          {deployment ? <DeploymentStatus status={deployment.status} /> : null}
        </h1>
        <Placement heading={heading} peer={deployment?.peer} />
        {nav}
      </div>
      <ShareButtons summary={summary} />
    </div>
  );
}

/** Where an ARM target lives, and the peer it swaps with, when the resource names one. */
function Placement({ heading, peer }: { heading: TargetHeading; peer: string | undefined }) {
  const peerTarget = pageTargetOf(peer);
  if (!heading.resourceGroup && !peerTarget) return null;
  return (
    <p className="flex flex-wrap gap-x-4 text-sm text-slate-700 dark:text-slate-300">
      {heading.resourceGroup ? <span>Resource group <strong>{heading.resourceGroup}</strong></span> : null}
      {heading.slot ? <span>Slot type <strong>{slotWord(heading.slot)}</strong></span> : null}
      {peerTarget ? (
        <span>
          Swappable peer{" "}
          <Link {...targetLink(peerTarget)} className="font-medium text-blue-800 underline dark:text-blue-300">{targetLabel(peerTarget)}</Link>
        </span>
      ) : null}
    </p>
  );
}
