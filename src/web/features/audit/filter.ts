import type { AuditEntry, AuditOutcome } from "../../../shared/api.ts";
import { parseTargetPath, targetPath, type TargetRef } from "../../../shared/targets.ts";

// The audit page's view, as its URL holds it (DESIGN.md §4: the whole view state in the URL). The
// proxy filters by target, instance and `before`; it has no actor or outcome filter, so those two
// narrow the page it returned, here.

export const outcomeFilters = ["failed", "succeeded", "running"] as const;
export type OutcomeFilter = (typeof outcomeFilters)[number];

/** What each choice keeps; "failed" is everything that did not end well, or whose end is not known. */
export const outcomesOf: Record<OutcomeFilter, readonly AuditOutcome[]> = {
  failed: ["Failed", "rejected", "unknown"],
  succeeded: ["Succeeded"],
  running: ["pending", "accepted", "InProgress"],
};

export const outcomeFilterLabels: Record<OutcomeFilter, string> = {
  failed: "Failed, refused or unknown",
  succeeded: "Succeeded",
  running: "In progress",
};

/** The page's view: what the URL says, validated (app/search.ts). */
export interface AuditView {
  /** The target, as its path below the subscription: `services/contoso-web/deployments/production`. */
  target?: string | undefined;
  instance?: string | undefined;
  actor?: string | undefined;
  outcome?: OutcomeFilter | undefined;
  /** The id of the last entry of the previous (newer) page. */
  before?: string | undefined;
  /** Entries per page (1–500), when not the page's default. */
  limit?: string | undefined;
}

/** Entries per page unless the URL says otherwise: a morning's actions on a busy subscription. */
export const AUDIT_PAGE = 100;
export const pageSizes = [25, 100, 500] as const;

/** The view's page size. */
export const pageSizeOf = (view: Pick<AuditView, "limit">): number => (view.limit ? Number(view.limit) : AUDIT_PAGE);

/** `services/x/deployments/production` for a target of subscription `sub`: short, and readable in a link. */
export function targetParam(t: TargetRef): string {
  return targetPath(t).split("/").slice(4).join("/");
}

/** The target a `target=` value names in subscription `sub`, or undefined when it names none. */
export function targetOfParam(sub: string, param: string | undefined): TargetRef | undefined {
  return param ? parseTargetPath(`/api/subscriptions/${sub}/${param}`) : undefined;
}

/** The /api/audit query for the view: the parts the proxy filters by, and the page. */
export function auditQueryOf(sub: string, view: AuditView): Record<string, string> {
  const target = targetOfParam(sub, view.target);
  return {
    ...(target ? { target: targetPath(target) } : { subscription: sub }),
    ...(view.instance ? { instance: view.instance } : {}),
    ...(view.before ? { before: view.before } : {}),
    limit: String(pageSizeOf(view)),
  };
}

/** Whether an entry passes the filters the proxy does not apply (actor: any part, any case). */
export function matchesAudit(e: AuditEntry, view: Pick<AuditView, "actor" | "outcome">): boolean {
  if (view.actor && !e.actor.toLowerCase().includes(view.actor.trim().toLowerCase())) return false;
  if (view.outcome && !outcomesOf[view.outcome].includes(e.outcome)) return false;
  return true;
}
