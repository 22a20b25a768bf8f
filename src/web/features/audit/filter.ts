import type { AuditOutcome } from "../../../shared/api.ts";
import { parseTargetPath, targetPath, type TargetRef } from "../../../shared/targets.ts";

// The audit page's view, as its URL holds it (DESIGN.md §4: the whole view state in the URL). Every
// filter goes to the proxy, which pages what matches: a filtered page is full, and older matches are
// one "Older entries" away, however far back they are.

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
  /** Who acted: their whole name, any case (the proxy matches it exactly). */
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

/** The /api/audit query for the view: its filters, and the page. */
export function auditQueryOf(sub: string, view: AuditView): Record<string, string> {
  const target = targetOfParam(sub, view.target);
  const actor = view.actor?.trim();
  return {
    ...(target ? { target: targetPath(target) } : { subscription: sub }),
    ...(view.instance ? { instance: view.instance } : {}),
    ...(actor ? { actor } : {}),
    ...(view.outcome ? { outcome: outcomesOf[view.outcome].join(",") } : {}),
    ...(view.before ? { before: view.before } : {}),
    limit: String(pageSizeOf(view)),
  };
}

/** Recent entries that "Who" draws its names from: enough to know who acts here lately. */
export const ACTOR_SCAN = 200;

/**
 * The /api/audit query whose entries "Who" offers names from: the view's scope (its target, or the
 * subscription), newest first, without any other filter, so that a name half-typed into "Who" (which
 * finds nothing: the proxy matches whole names) does not empty its own suggestions.
 */
export function actorScanQueryOf(sub: string, view: Pick<AuditView, "target">): Record<string, string> {
  const target = targetOfParam(sub, view.target);
  return { ...(target ? { target: targetPath(target) } : { subscription: sub }), limit: String(ACTOR_SCAN) };
}

/** The names in `entries`, once each, sorted as people read them. */
export function actorsOf(entries: readonly { actor: string }[]): string[] {
  return [...new Set(entries.map((e) => e.actor))].sort((a, b) => a.localeCompare(b));
}

/** The names worth offering for what was typed: those containing it (any case), else all of them. */
export function suggestedActors(actors: readonly string[], typed: string, max = 8): string[] {
  const needle = typed.trim().toLocaleLowerCase();
  const near = actors.filter((a) => a.toLocaleLowerCase().includes(needle));
  return (near.length > 0 ? near : actors).slice(0, max);
}
