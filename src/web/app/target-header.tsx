import type { ReactNode } from "react";
import type { Deployment } from "../../shared/api.ts";
import { targetLabel, type TargetRef } from "../../shared/targets.ts";
import { SlotTag } from "../components/ui/badge.tsx";
import { DeploymentStatus } from "../components/ui/deployment-status.tsx";
import { targetParam } from "../features/audit/filter.ts";
import { ShareButtons } from "../features/share/components/ShareButtons.tsx";
import { href } from "../lib/paths.ts";
import { Link } from "../lib/router.tsx";
import { pageTargetOf, slotWord, targetHref, type TargetHeading } from "../lib/targets.ts";
import { preloadSummary } from "./use-target-summary.ts";

interface Props {
  target: TargetRef;
  heading: TargetHeading;
  deployment: Deployment | undefined;
  /** What the route adds under the title (a classic service's slot tabs). */
  nav?: ReactNode;
  /** "Copy summary"'s text, built on click: what is on screen at that moment (use-target-summary.ts). */
  summary: () => string | Promise<string>;
}

/** Which target this is (breadcrumb, name, slot, status, where it lives), its audit log, and sharing. */
export function TargetHeader({ target, heading, deployment, nav, summary }: Props) {
  const sub = target.subscription;
  return (
    <div className="flex flex-wrap items-start justify-between gap-3">
      <div className="space-y-1">
        <nav aria-label="Breadcrumb" className="text-sm">
          <Link to={href("start", { sub })} className="text-blue-800 underline dark:text-blue-300">Cloud services</Link> <span aria-hidden="true">›</span> {heading.name}
        </nav>
        <h1 className="flex flex-wrap items-center gap-2 text-xl font-semibold">
          {heading.name} <SlotTag slot={heading.slot} />
          {deployment ? <DeploymentStatus status={deployment.status} /> : null}
        </h1>
        <Placement heading={heading} peer={deployment?.peer} />
        {nav}
      </div>
      {/* The summary's code loads when the pointer or focus comes here, ahead of the click. */}
      <div className="flex flex-wrap items-center gap-2" onPointerOver={preloadSummary} onFocus={preloadSummary}>
        <Link to={href("audit", { sub }, { target: targetParam(target) })} className="rounded-md px-2 py-1.5 text-sm font-medium text-blue-800 underline dark:text-blue-300">
          Audit log
        </Link>
        <ShareButtons summary={summary} />
      </div>
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
          <Link to={targetHref(peerTarget)} className="font-medium text-blue-800 underline dark:text-blue-300">{targetLabel(peerTarget)}</Link>
        </span>
      ) : null}
    </p>
  );
}
