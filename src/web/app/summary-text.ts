import type { AppConfig, AuditEntry, Deployment, Job } from "../../shared/api.ts";
import { jobLine } from "../features/jobs/progress.ts";
import type { Outcome } from "../features/operations/outcome.ts";
import { inertText, storyOf } from "../features/share/story.ts";
import { deploymentSummary } from "../features/share/summary.ts";
import type { TargetHeading } from "../lib/targets.ts";

// "Copy summary"'s text, in a file of its own: use-target-summary.ts loads it when the pointer or
// focus comes near the button (or on the click), so a deep link to a target does not fetch it.

export interface SummaryInput {
  heading: TargetHeading;
  config: AppConfig | undefined;
  sub: string;
  deployment: Deployment | undefined;
  /** The job the panel shows. */
  job: Job | undefined;
  /** The target's audit log as read ahead, or why it is not there. */
  audit: AuditEntry[] | { error: string };
  jobs: Job[];
  /** operation id → what the page saw it do to each instance. */
  outcomes: ReadonlyMap<string, readonly { instance: string; outcome: Outcome }[]>;
  hours: number;
  now: number;
  url: string;
  auditUrl: string;
}

/** What is on screen, and the story of the last `hours` from the audit log and the target's jobs. */
export function summaryText(p: SummaryInput): string {
  const seen = new Map([...p.outcomes].map(([id, list]) => [id, list.map((o) => (list.length > 1 ? `${o.instance}: ${o.outcome.summary}` : o.outcome.summary)).join("; ")]));
  const story = storyOf({ audit: p.audit, jobs: p.jobs, now: p.now, hours: p.hours, seen });
  return deploymentSummary({
    target: p.heading,
    mode: p.config?.mode ?? "emulator",
    subscriptionName: p.config?.subscriptions.find((s) => s.id === p.sub)?.name ?? p.sub,
    roles: p.deployment?.roles.map((r) => r.name) ?? [],
    instances: p.deployment?.instances ?? [],
    inFlight: p.deployment?.inFlight ?? [],
    asOf: p.deployment?.fetchedAt ?? "",
    url: p.url,
    job: p.job ? jobLine(p.job, inertText) : undefined,
    story,
    auditUrl: p.auditUrl,
  });
}
